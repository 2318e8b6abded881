import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { readAgentLines } from "./agent-line-reader";

function reader(maxLineBytes: number) {
  const stream = new PassThrough();
  const lines: string[] = [];
  const seen = { tooLong: 0, ended: 0 };
  readAgentLines(stream, {
    maxLineBytes,
    onLine: (line) => lines.push(line),
    onTooLong: () => seen.tooLong++,
    onEnd: () => seen.ended++,
  });
  return { stream, lines, seen };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("readAgentLines", () => {
  it("splits lines across chunks and keeps a multi-byte character whole", async () => {
    const { stream, lines } = reader(100);
    const euro = Buffer.from("€");
    stream.write(Buffer.concat([Buffer.from("one\ntw"), euro.subarray(0, 1)]));
    stream.write(Buffer.concat([euro.subarray(1), Buffer.from("o\nthree")]));
    stream.end();
    await flush();
    expect(lines).toEqual(["one", "tw€o", "three"]);
  });

  it("stops at the first line longer than the bound, without waiting for its newline", async () => {
    const { stream, lines, seen } = reader(10);
    stream.write("short\n");
    stream.write("x".repeat(6));
    stream.write("x".repeat(6));
    await flush();
    expect(seen.tooLong).toBe(1);
    stream.write("more\nlines\n");
    await flush();
    expect(lines).toEqual(["short"]);
  });

  it("refuses a long line that arrives whole with its newline", async () => {
    const { stream, lines, seen } = reader(10);
    stream.write(`${"y".repeat(11)}\nafter\n`);
    await flush();
    expect(seen.tooLong).toBe(1);
    expect(lines).toEqual([]);
  });
});

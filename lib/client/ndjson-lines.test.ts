import { describe, expect, it } from "vitest";
import { NdjsonLineSplitter, readLines } from "./ndjson-lines";

const bytes = (text: string) => new TextEncoder().encode(text);

function streamOf(chunks: Uint8Array[]): ReadableStreamDefaultReader<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  }).getReader();
}

describe("NdjsonLineSplitter", () => {
  it("joins a line split across chunks", () => {
    const splitter = new NdjsonLineSplitter();
    expect(splitter.push(bytes('{"type":"out'))).toEqual([]);
    expect(splitter.push(bytes('put"}\n{"type":'))).toEqual(['{"type":"output"}']);
    expect(splitter.push(bytes('"exit"}\n'))).toEqual(['{"type":"exit"}']);
    expect(splitter.flush()).toEqual([]);
  });

  it("returns several lines from one chunk and skips empty ones", () => {
    const splitter = new NdjsonLineSplitter();
    expect(splitter.push(bytes("a\n\nb\nc"))).toEqual(["a", "b"]);
    expect(splitter.flush()).toEqual(["c"]);
  });

  it("keeps a final line that has no newline", async () => {
    const lines: string[] = [];
    for await (const line of readLines(streamOf([bytes('{"a":1}\n{"b"'), bytes(":2}")]))) lines.push(line);
    expect(lines).toEqual(['{"a":1}', '{"b":2}']);
  });

  it("decodes a multi-byte UTF-8 character split across chunks", () => {
    const whole = bytes('{"data":"héllo 🌊"}\n');
    const splitter = new NdjsonLineSplitter();
    const lines: string[] = [];
    // Cut inside "é" (2 bytes) and inside the emoji (4 bytes).
    const cuts = [11, 18, 20];
    let start = 0;
    for (const cut of [...cuts, whole.length]) {
      lines.push(...splitter.push(whole.slice(start, cut)));
      start = cut;
    }
    lines.push(...splitter.flush());
    expect(lines).toEqual(['{"data":"héllo 🌊"}']);
    expect(JSON.parse(lines[0]!)).toEqual({ data: "héllo 🌊" });
  });
});

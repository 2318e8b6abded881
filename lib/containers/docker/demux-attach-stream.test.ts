import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { demuxAttachStream } from "./demux-attach-stream";

const frame = (type: number, text: string) => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header.writeUInt8(type, 0);
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

async function stdoutOf(chunks: Buffer[]): Promise<string> {
  let out = "";
  for await (const chunk of Readable.from(chunks).pipe(demuxAttachStream())) out += String(chunk);
  return out;
}

describe("demuxAttachStream", () => {
  it("keeps stdout payloads and drops stderr frames", async () => {
    expect(await stdoutOf([frame(1, "a\n"), frame(2, "noise"), frame(1, "b\n")])).toBe("a\nb\n");
  });

  it("reassembles headers and payloads split at any byte", async () => {
    const all = Buffer.concat([frame(1, "hello "), frame(2, "x"), frame(1, "world")]);
    const bytes = [...all].map((byte) => Buffer.from([byte]));
    expect(await stdoutOf(bytes)).toBe("hello world");
  });

  it("fails on a stream that is not multiplexed", async () => {
    await expect(stdoutOf([Buffer.from("not a docker frame")])).rejects.toThrow(/multiplexed/);
  });
});

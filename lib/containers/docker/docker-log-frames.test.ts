import { describe, expect, it } from "vitest";
import { splitLogFrames } from "./docker-log-frames";

function frame(stream: 1 | 2, text: string): Buffer {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe("splitLogFrames", () => {
  it("separates stdout and stderr frames, keeping each one's order", () => {
    const body = Buffer.concat([frame(1, "a"), frame(2, "x"), frame(1, "b"), frame(2, "y\n")]);
    expect(splitLogFrames(body)).toEqual({ stdout: "ab", stderr: "xy\n" });
  });

  it("ignores a truncated trailing frame header", () => {
    expect(splitLogFrames(Buffer.concat([frame(2, "ok"), Buffer.from([2, 0, 0])]))).toEqual({ stdout: "", stderr: "ok" });
  });
});

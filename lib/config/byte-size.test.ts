import { describe, expect, it } from "vitest";
import { parseByteSize } from "./byte-size";

describe("parseByteSize", () => {
  it.each([
    ["512m", 512 * 1024 ** 2],
    ["2g", 2 * 1024 ** 3],
    ["2G", 2 * 1024 ** 3],
    ["64k", 64 * 1024],
    ["64kb", 64 * 1024],
    ["1.5g", 1.5 * 1024 ** 3],
    ["1048576", 1048576],
  ])("reads %s", (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(["", "m", "-1m", "0", "12x", "1 2m"])("refuses %j", (text) => {
    expect(parseByteSize(text)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { describeByteSize, parseByteSize } from "./byte-size";

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

describe("describeByteSize", () => {
  it.each([
    [512 * 1024 ** 2, "512 MiB"],
    [2 * 1024 ** 3, "2 GiB"],
    [1.5 * 1024 ** 3, "1,536 MiB"],
    [64 * 1024, "64 KiB"],
    [500_000, "500,000 bytes"],
    [1024 ** 2 + 1, "1,048,577 bytes"],
    [2 * 500_000 + 64 * 1024, "1,065,536 bytes"],
    [1, "1 byte"],
  ])("says %d exactly, as %s", (bytes, words) => {
    expect(describeByteSize(bytes)).toBe(words);
  });
});

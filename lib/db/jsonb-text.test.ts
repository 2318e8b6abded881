import { describe, expect, it } from "vitest";
import { storableJson, storableJsonText, storableText } from "./jsonb-text";

describe("storable text", () => {
  it("stores U+0000 and lone surrogates as U+FFFD, and keeps a surrogate pair", () => {
    expect(storableText("a\0b\0")).toBe("a\uFFFDb\uFFFD");
    expect(storableText("x\uD800y\uDC00z")).toBe("x\uFFFDy\uFFFDz");
    expect(storableText("😀 é")).toBe("😀 é");
  });

  it("writes JSON a jsonb column accepts, keys included", () => {
    const text = storableJsonText({ "k\0": ["a\0b", "\uDBFF", "😀"] });
    expect(JSON.parse(text)).toEqual({ "k\uFFFD": ["a\uFFFDb", "\uFFFD", "😀"] });
    expect(text).not.toMatch(/\\u0000|\\ud[89a-f]/);
  });

  it("leaves a backslash followed by u0000 as text alone", () => {
    const value = { data: "\\u0000 and \\\\u0000 and \\ud800" };
    expect(storableJsonText(value)).toBe(JSON.stringify(value));
    expect(storableJson(value)).toBe(value);
  });

  it("returns the same value when nothing needs replacing, a cleaned copy otherwise", () => {
    const clean = { a: ["b"] };
    expect(storableJson(clean)).toBe(clean);
    expect(storableJson({ a: ["b\0"] })).toEqual({ a: ["b\uFFFD"] });
  });
});

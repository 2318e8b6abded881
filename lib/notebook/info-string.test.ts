import { describe, expect, it } from "vitest";
import { tokenizeInfoString } from "./info-string";

describe("tokenizeInfoString", () => {
  it("splits words on spaces and tabs", () => {
    expect(tokenizeInfoString("  python \t src/app.py  ")).toEqual([
      { type: "word", value: "python" },
      { type: "word", value: "src/app.py" },
    ]);
  });

  it("reads key=value attributes, with an empty value allowed", () => {
    expect(tokenizeInfoString("name=train timeout=120 empty=")).toEqual([
      { type: "attr", key: "name", value: "train" },
      { type: "attr", key: "timeout", value: "120" },
      { type: "attr", key: "empty", value: "" },
    ]);
  });

  it("keeps spaces inside a double-quoted value and drops the quotes", () => {
    expect(tokenizeInfoString('title="Train  the model" x=1')).toEqual([
      { type: "attr", key: "title", value: "Train  the model" },
      { type: "attr", key: "x", value: "1" },
    ]);
  });

  it("splits only at the first equals sign", () => {
    expect(tokenizeInfoString("env=A=B")).toEqual([{ type: "attr", key: "env", value: "A=B" }]);
  });

  it("treats a quoted word containing = as a word, not an attribute", () => {
    expect(tokenizeInfoString('"a=b.txt"')).toEqual([{ type: "word", value: "a=b.txt" }]);
  });

  it("treats a token whose key is not a name as a word", () => {
    expect(tokenizeInfoString("=x 1a=b")).toEqual([
      { type: "word", value: "=x" },
      { type: "word", value: "1a=b" },
    ]);
  });

  it("lets an unclosed quote run to the end of the info string", () => {
    expect(tokenizeInfoString('title="never closed x=1')).toEqual([
      { type: "attr", key: "title", value: "never closed x=1" },
    ]);
  });

  it("joins quoted and unquoted stretches of one token, like a shell", () => {
    expect(tokenizeInfoString('a"b c"d')).toEqual([{ type: "word", value: "ab cd" }]);
  });

  it("keeps single quotes and backslashes as ordinary characters", () => {
    expect(tokenizeInfoString("t='a b' p=C:\\x")).toEqual([
      { type: "attr", key: "t", value: "'a" },
      { type: "word", value: "b'" },
      { type: "attr", key: "p", value: "C:\\x" },
    ]);
  });

  it("returns nothing for an empty info string", () => {
    expect(tokenizeInfoString("")).toEqual([]);
  });
});

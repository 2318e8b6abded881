import { describe, expect, it } from "vitest";
import { compareOutput } from "./compare-output";
import type { ExpectedOutput } from "./types";

const expected = (text: string, match: ExpectedOutput["match"] = "exact"): ExpectedOutput => ({ stream: "stdout", match, attrs: {}, text });

describe("compareOutput", () => {
  it("ignores trailing whitespace on lines and blank lines at the end", () => {
    expect(compareOutput(expected("a\nb"), "a  \nb\t\n\n")).toEqual({ matched: true });
  });

  it("gives a unified diff from expected to printed when exact output differs", () => {
    const result = compareOutput(expected("one\ntwo\nthree"), "one\n2\nthree\n");
    expect(result.matched).toBe(false);
    expect(result.diff).toContain("--- expected");
    expect(result.diff).toContain("+++ actual");
    expect(result.diff).toContain("-two");
    expect(result.diff).toContain("+2");
  });

  it("does not ignore leading whitespace", () => {
    expect(compareOutput(expected("a"), " a").matched).toBe(false);
  });

  it("accepts printed text that holds the expected text with match=contains", () => {
    expect(compareOutput(expected("needle", "contains"), "hay needle hay").matched).toBe(true);
    expect(compareOutput(expected("needle", "contains"), "hay").matched).toBe(false);
  });

  it("searches with a multiline regular expression with match=regex", () => {
    expect(compareOutput(expected("^\\d{4}-\\d\\d$", "regex"), "date:\n2026-12\n").matched).toBe(true);
    expect(compareOutput(expected("^x$", "regex"), "y").matched).toBe(false);
  });

  it("reports an invalid regular expression as a mismatch with a sentence", () => {
    expect(compareOutput(expected("(", "regex"), "(")).toEqual({
      matched: false,
      message: "The expected output's regular expression is not valid.",
    });
  });

  it("never matches an expectation the parser refused", () => {
    expect(compareOutput({ ...expected("x"), error: "Unknown match." }, "x")).toEqual({ matched: false, message: "Unknown match." });
  });
});

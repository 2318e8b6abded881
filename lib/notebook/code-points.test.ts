import { describe, expect, it } from "vitest";
import { codePoints, codeUnits } from "./code-points";

describe("code points and UTF-16 offsets", () => {
  const text = "a😀b";

  it("counts a character outside the BMP as one code point and two code units", () => {
    expect(codePoints(text, 0)).toBe(0);
    expect(codePoints(text, 1)).toBe(1);
    expect(codePoints(text, 3)).toBe(2);
    expect(codePoints(text, 4)).toBe(3);
    expect(codeUnits(text, 2)).toBe(3);
    expect(codeUnits(text, 3)).toBe(4);
  });

  it("round-trips every offset that is not inside a surrogate pair", () => {
    const sample = "x = '日本😀'\nos.pa";
    for (let units = 0; units <= sample.length; units++) {
      if (units === 8) continue; // between the emoji's two halves
      expect(codeUnits(sample, codePoints(sample, units))).toBe(units);
    }
  });

  it("stops at the end of the text", () => {
    expect(codeUnits(text, 99)).toBe(text.length);
  });
});

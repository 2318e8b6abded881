import { describe, expect, it } from "vitest";
import { counted } from "./counted";

describe("counted", () => {
  it("puts the noun in the number its count asks for", () => {
    expect(counted(1, "R script")).toBe("1 R script");
    expect(counted(2, "R script")).toBe("2 R scripts");
    expect(counted(0, "live session")).toBe("0 live sessions");
    expect(counted(12_000, "match", "matches")).toBe("12,000 matches");
  });
});

import { describe, expect, it } from "vitest";
import { returnPath } from "./return-path";

describe("returnPath", () => {
  it("keeps a path on this site, a share link's included", () => {
    expect(returnPath("/s/abc_DEF-123")).toBe("/s/abc_DEF-123");
    expect(returnPath("/notebooks/1?view=all#x")).toBe("/notebooks/1?view=all#x");
  });

  it("goes to the dashboard for anything that could leave the site, or nothing", () => {
    for (const next of [null, undefined, "", "https://evil.example", "//evil.example", "/\\evil.example", "\\\\evil", "/a\\b", "javascript:alert(1)", "/ x", "s/abc"]) {
      expect(returnPath(next)).toBe("/notebooks");
    }
  });
});

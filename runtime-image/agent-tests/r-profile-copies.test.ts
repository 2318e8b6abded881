import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Each image is built from its own directory (its tag hashes that directory), so the R profile
// that draws plots into the run's output folder is copied into each R-capable image. One edit
// must reach all three.
const copies = ["runtime/r/runnel-profile.R", "r-base/runnel-profile.R", "r-full/runnel-profile.R"];

describe("the R profile", () => {
  it("is the same file in every image that runs R", () => {
    const [first, ...rest] = copies.map((copy) => readFileSync(path.join(__dirname, "..", copy), "utf8"));
    expect(first).toContain("grDevices::png(");
    for (const text of rest) expect(text).toBe(first);
  });
});

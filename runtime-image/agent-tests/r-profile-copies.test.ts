import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Each image is built from its own directory (its tag hashes that directory), so the files every
// R-capable image needs are copied into each: the agent (the container's main process) and the
// R profile that draws plots into the run's output folder. One edit must reach every copy.
function expectSameEverywhere(copies: string[], marker: string): void {
  const [first, ...rest] = copies.map((copy) => readFileSync(path.join(__dirname, "..", copy), "utf8"));
  expect(first).toContain(marker);
  for (const text of rest) expect(text).toBe(first);
}

describe("files copied into every image that runs R", () => {
  it("the R profile is the same file in each", () => {
    expectSameEverywhere(["runtime/r/runnel-profile.R", "r-base/runnel-profile.R", "r-full/runnel-profile.R"], "grDevices::png(");
  });

  it("the agent is the same file in each", () => {
    expectSameEverywhere(["runtime/agent/runnel-agent.py", "r-base/runnel-agent.py", "r-full/runnel-agent.py"], "def main");
  });
});

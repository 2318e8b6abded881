import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("starting with a bad setting", () => {
  it("stops with one line naming the variable", () => {
    const result = spawnSync("npx", ["tsx", "scripts/check-settings.ts"], {
      encoding: "utf8",
      env: { ...process.env, PORT: "not-a-port" },
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.split("\n").filter((line) => line && !line.startsWith("npm warn"));
    expect(lines).toEqual([expect.stringMatching(/^Invalid setting PORT: /)]);
  });
});

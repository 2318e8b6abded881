import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readRunFile, readRunMeta, removeExpiredRuns, storeRunArtifacts } from "./r-run-artifacts";

describe("R run artifacts on disk", () => {
  const runId = "0f9a2c4e-1111-4222-8333-944455556666";

  it("are stored with their owner, read back, and removed once expired", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "r-artifacts-"));
    try {
      const meta = { owner: "user-1", createdAt: "2026-01-01T00:00:00.000Z", expiresAt: "2026-01-01T01:00:00.000Z" };
      const stored = await storeRunArtifacts(dataDir, runId, meta, [{ name: "plot-001.png", mime: "image/png", content: Buffer.from("png") }]);
      expect(stored).toEqual([{ name: "plot-001.png", mime: "image/png", bytes: 3 }]);
      expect(await readRunMeta(dataDir, runId)).toEqual({ ...meta, files: stored });
      expect((await readRunFile(dataDir, runId, "plot-001.png")).toString()).toBe("png");

      expect(await removeExpiredRuns(dataDir, new Date("2026-01-01T00:59:00Z"))).toBe(0);
      expect(await removeExpiredRuns(dataDir, new Date("2026-01-01T01:00:00Z"))).toBe(1);
      expect(await readdir(path.join(dataDir, "r-artifacts"))).toEqual([]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("refuse a run id that is not one", async () => {
    expect(await readRunMeta("/nonexistent", "../../etc")).toBeNull();
  });
});

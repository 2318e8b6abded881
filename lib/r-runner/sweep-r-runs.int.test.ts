import { describe, expect, it } from "vitest";
import { getSettings } from "../config/settings";
import { getContainerBackend } from "../containers/container-backend";
import { runtimeImage } from "../containers/image-tag";
import { instanceLabel } from "../sessions/sandbox-spec";
import { EXPIRES_LABEL, R_RUN_KIND } from "./r-sandbox-spec";
import { sweepRRuns } from "./sweep-r-runs";

describe("sweepRRuns", () => {
  it("removes R run containers past their expiry label and leaves current ones", async () => {
    const settings = getSettings();
    const backend = getContainerBackend();
    const spec = (expires: number) => ({
      image: runtimeImage(settings.RUNTIME_IMAGE),
      labels: { "runnel.kind": R_RUN_KIND, "runnel.instance": instanceLabel(settings), [EXPIRES_LABEL]: String(expires) },
      limits: { cpus: 1, memoryBytes: 256 * 1024 ** 2, pids: 50, diskBytes: 16 * 1024 ** 2 },
    });
    const now = Date.now();
    const [stale, current] = await Promise.all([backend.createSandbox(spec(now - 1000)), backend.createSandbox(spec(now + 60_000))]);
    try {
      const result = await sweepRRuns(now);
      expect(result.removedContainers).toBe(1);
      const left = await backend.listSandboxes({ "runnel.kind": R_RUN_KIND, "runnel.instance": instanceLabel(settings) });
      expect(left.map((c) => c.id)).toEqual([current.id]);
    } finally {
      await Promise.all([stale.remove(), current.remove()]);
    }
  });
});

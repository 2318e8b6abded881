import { getSettings } from "../config/settings";
import { getContainerBackend } from "../containers/container-backend";
import { instanceLabel } from "../sessions/sandbox-spec";
import { removeExpiredRuns } from "../artifacts/r-run-artifacts";
import { getRPool } from "./r-pool";
import { EXPIRES_LABEL, R_RUN_KIND } from "./r-sandbox-spec";
import { isHeldRSandbox } from "./r-sandboxes";

export type SweepResult = { removedContainers: number; removedRuns: number };

/**
 * Removes R run containers past their expiry label that this process is not using (left behind
 * only if a server died with them) and the output files of runs whose R_ARTIFACT_TTL_MINUTES are up.
 */
export async function sweepRRuns(now = Date.now()): Promise<SweepResult> {
  const settings = getSettings();
  const backend = getContainerBackend();
  const containers = await backend.listSandboxes({ "runnel.kind": R_RUN_KIND, "runnel.instance": instanceLabel(settings) });
  let removedContainers = 0;
  for (const container of containers) {
    if (Number(container.labels[EXPIRES_LABEL] ?? 0) > now || isHeldRSandbox(container.id) || getRPool()?.holds(container.id)) continue;
    await backend.removeSandbox(container.id);
    removedContainers++;
  }
  const removedRuns = await removeExpiredRuns(settings.dataDir, new Date(now));
  return { removedContainers, removedRuns };
}

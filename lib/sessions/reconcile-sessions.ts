import { getSettings } from "../config/settings";
import { getContainerBackend } from "../containers/container-backend";
import { getPrisma } from "../db/client";
import { endSession } from "./end-session";
import { instanceLabel, SESSION_KIND } from "./sandbox-spec";
import { POOL_KIND } from "./warm-pool";
import { SCRATCH_KIND } from "../scratch-runs/scratch-sandbox-spec";

// A run of an unsaved notebook never outlives its request, so any left at start-up is stale.
const SESSION_CONTAINER_KINDS = new Set([SESSION_KIND, POOL_KIND, SCRATCH_KIND]);

// A workspace is made a moment before its container; one unused for this long was left by a
// crash in between (or a container removed behind Runnel's back), never by a create in flight.
const LEFTOVER_WORKSPACE_AGE_MS = 10 * 60_000;

export type ReconcileResult = { removedContainers: number; endedSessions: number; removedWorkspaces: number };

/**
 * Start-up reconcile: this instance's containers that no live session uses (old pool ones too)
 * are removed; live sessions whose container is gone or stopped are ended; this instance's
 * workspace volumes that no container uses and that are older than ten minutes are removed.
 * Running sessions are re-attached on first use.
 */
export async function reconcileSessions(now = new Date()): Promise<ReconcileResult> {
  const prisma = getPrisma();
  const backend = getContainerBackend();
  const instance = { "runnel.instance": instanceLabel(getSettings()) };
  const [containers, live] = await Promise.all([
    backend.listSandboxes(instance),
    prisma.session.findMany({ where: { status: { not: "ended" } } }),
  ]);
  // A live session's container may have come from the warm pool, so go by containerId, not labels.
  const inUse = new Set(live.map((session) => session.containerId));
  const running = new Set(containers.filter((c) => c.running).map((c) => c.id));

  let removedContainers = 0;
  for (const container of containers) {
    if (inUse.has(container.id) && container.running) continue;
    // Other kinds (web apps, R runs) outlive a restart and are reconciled by their own jobs.
    if (!SESSION_CONTAINER_KINDS.has(container.labels["runnel.kind"] ?? "")) continue;
    await backend.removeSandbox(container.id);
    removedContainers++;
  }
  let endedSessions = 0;
  for (const session of live) {
    if (session.containerId && running.has(session.containerId)) continue;
    await endSession(session.id, "The session's container was gone when Runnel restarted.");
    endedSessions++;
  }
  // After the containers above are gone, so their workspaces count as unused.
  const removedWorkspaces = await backend.removeUnusedWorkspaces(instance, new Date(now.getTime() - LEFTOVER_WORKSPACE_AGE_MS));
  return { removedContainers, endedSessions, removedWorkspaces };
}

import { getSettings } from "../config/settings";
import { getContainerBackend } from "../containers/container-backend";
import { getPrisma } from "../db/client";
import { endSession } from "./end-session";
import { instanceLabel, SESSION_KIND } from "./sandbox-spec";

export type ReconcileResult = { removedContainers: number; endedSessions: number };

/**
 * Start-up reconcile: this instance's session containers with no live session are removed; live sessions
 * whose container is gone or stopped are ended. Running ones are re-attached on first use.
 */
export async function reconcileSessions(): Promise<ReconcileResult> {
  const prisma = getPrisma();
  const backend = getContainerBackend();
  const [containers, live] = await Promise.all([
    backend.listSandboxes({ "runnel.kind": SESSION_KIND, "runnel.instance": instanceLabel(getSettings()) }),
    prisma.session.findMany({ where: { status: { not: "ended" } } }),
  ]);
  const liveIds = new Set(live.map((session) => session.id));
  const running = new Set(containers.filter((c) => c.running).map((c) => c.id));

  let removedContainers = 0;
  for (const container of containers) {
    const sessionId = container.labels["runnel.session"];
    if (sessionId && liveIds.has(sessionId) && container.running) continue;
    await backend.removeSandbox(container.id);
    removedContainers++;
  }
  let endedSessions = 0;
  for (const session of live) {
    if (session.containerId && running.has(session.containerId)) continue;
    await endSession(session.id, "The session's container was gone when Runnel restarted.");
    endedSessions++;
  }
  return { removedContainers, endedSessions };
}

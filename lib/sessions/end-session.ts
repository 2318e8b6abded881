import { getContainerBackend } from "../containers/container-backend";
import { getPrisma } from "../db/client";
import { getLogger } from "../observability/logger";
import { sandboxRegistry } from "./sandbox-registry";

const RETRY_REMOVAL_EVERY_MS = 5_000;
const RETRY_REMOVAL_FOR_MS = 15 * 60_000;

/**
 * Ends a session: the row says why, and its container and workspace are removed. Idempotent.
 * The session ends even when the engine cannot remove its container now (it stopped, or is
 * restarting): the removal is then retried until the engine answers, and the start-up reconcile
 * takes whatever a restart left.
 */
export async function endSession(sessionId: string, reason: string): Promise<void> {
  const prisma = getPrisma();
  const registry = sandboxRegistry();
  const sandbox = registry.get(sessionId);
  registry.delete(sessionId);
  const session = await prisma.session.findUnique({ where: { id: sessionId } });
  await prisma.session.updateMany({
    where: { id: sessionId, status: { not: "ended" } },
    data: { status: "ended", endedReason: reason, endedAt: new Date() },
  });
  const containerId = sandbox?.id ?? session?.containerId;
  if (!containerId) return;
  try {
    if (sandbox) await sandbox.remove();
    else await getContainerBackend().removeSandbox(containerId);
  } catch (error) {
    getLogger().warn({ err: error, sessionId, containerId }, "session container not removed yet; retrying while the engine is away");
    retryRemoval(containerId, Date.now() + RETRY_REMOVAL_FOR_MS);
  }
}

function retryRemoval(containerId: string, until: number): void {
  const timer = setTimeout(() => {
    getContainerBackend()
      .removeSandbox(containerId)
      .then(() => getLogger().info({ containerId }, "session container removed after the engine came back"))
      .catch(() => {
        if (Date.now() < until) retryRemoval(containerId, until);
        else getLogger().error({ containerId }, "session container could not be removed; the next start-up reconcile removes it");
      });
  }, RETRY_REMOVAL_EVERY_MS);
  timer.unref();
}

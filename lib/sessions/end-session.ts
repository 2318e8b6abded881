import { getContainerBackend } from "../containers/container-backend";
import { getPrisma } from "../db/client";
import { sandboxRegistry } from "./sandbox-registry";

/** Ends a session: its container and workspace are removed, the row says why. Idempotent. */
export async function endSession(sessionId: string, reason: string): Promise<void> {
  const prisma = getPrisma();
  const registry = sandboxRegistry();
  const sandbox = registry.get(sessionId);
  registry.delete(sessionId);
  const session = await prisma.session.findUnique({ where: { id: sessionId } });
  if (sandbox) await sandbox.remove();
  else if (session?.containerId) await getContainerBackend().removeSandbox(session.containerId);
  await prisma.session.updateMany({
    where: { id: sessionId, status: { not: "ended" } },
    data: { status: "ended", endedReason: reason, endedAt: new Date() },
  });
}

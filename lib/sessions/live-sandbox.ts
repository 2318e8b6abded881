import type { Session } from "@prisma/client";
import type { Sandbox } from "../containers/backend";
import { getContainerBackend } from "../containers/container-backend";
import { endSession } from "./end-session";
import { sandboxRegistry } from "./sandbox-registry";

export const CONTAINER_DIED = "The session's container stopped unexpectedly. Connect again to start a fresh one.";

/** Registers a sandbox for a session and ends the session if the sandbox dies under it. */
export function adoptSandbox(sessionId: string, sandbox: Sandbox): void {
  sandboxRegistry().set(sessionId, sandbox);
  void sandbox.gone.then(() => {
    if (sandboxRegistry().get(sessionId) !== sandbox) return; // ended on purpose
    endSession(sessionId, CONTAINER_DIED).catch((error: unknown) =>
      console.error(`[sessions] ending ${sessionId} failed`, error),
    );
  });
}

/**
 * The sandbox of a live session: the attached one, or, after a server restart, the running
 * container re-attached. Null when the container is gone (the session is then ended).
 */
export async function liveSandbox(session: Session): Promise<Sandbox | null> {
  const attached = sandboxRegistry().get(session.id);
  if (attached) return attached;
  if (!session.containerId || session.status === "ended") return null;
  try {
    const sandbox = await getContainerBackend().attachSandbox(session.containerId);
    adoptSandbox(session.id, sandbox);
    return sandbox;
  } catch {
    await endSession(session.id, CONTAINER_DIED);
    return null;
  }
}

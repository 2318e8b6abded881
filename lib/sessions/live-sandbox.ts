import type { Session } from "@prisma/client";
import type { Sandbox } from "../containers/backend";
import { getContainerBackend } from "../containers/container-backend";
import { getLogger } from "../observability/logger";
import { endSession } from "./end-session";
import { sandboxRegistry } from "./sandbox-registry";

export const CONTAINER_DIED = "The session's container stopped unexpectedly. Connect again to start a fresh one.";
export const ENGINE_STOPPED = "The Docker engine stopped while this session was running, so its container is gone. Connect again once the engine is back.";

/** Why a session's sandbox went away under it, in words: the engine stopped, or only the container. */
export async function sandboxLostReason(): Promise<string> {
  const engine = await getContainerBackend().engineStatus();
  return engine.ok ? CONTAINER_DIED : ENGINE_STOPPED;
}

/** Registers a sandbox for a session and ends the session if the sandbox dies under it. */
export function adoptSandbox(sessionId: string, sandbox: Sandbox): void {
  sandboxRegistry().set(sessionId, sandbox);
  void sandbox.gone.then(async () => {
    if (sandboxRegistry().get(sessionId) !== sandbox) return; // ended on purpose
    await endSession(sessionId, await sandboxLostReason()).catch((error: unknown) =>
      getLogger().error({ err: error, sessionId }, "ending a session whose sandbox went away failed"),
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

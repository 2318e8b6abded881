import { endSession } from "./end-session";
import { sandboxRegistry } from "./sandbox-registry";
import { getLogger } from "../observability/logger";

/**
 * Ends every session this process holds a sandbox for. Used when the server stops: the agent
 * streams die with the process, so the containers could not be used again anyway.
 */
export async function endLiveSessions(reason: string): Promise<number> {
  const ids = [...sandboxRegistry().keys()];
  const results = await Promise.allSettled(ids.map((id) => endSession(id, reason)));
  for (const result of results) {
    if (result.status === "rejected") getLogger().error({ err: result.reason }, "could not end a session on the way out");
  }
  return ids.length;
}

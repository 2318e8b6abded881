import { findNotebookFor } from "../auth/notebook-access";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import type { LinkTokenSource } from "../sharing/share-link-token";
import { liveEvents } from "./live-executions";
import { usersChain } from "./session-chains";
import type { StreamEvent } from "./stream-events";

/**
 * The user's own run as a stream from `offset` (the number of events already read), while they
 * may still read the notebook: a page re-attaches to a run still going, or picks up a cut stream.
 * A stale chain in flight is followed the same way, by the id its `chain` event names.
 */
export async function followExecution(userId: string, executionId: string, offset: number, linkTokens?: LinkTokenSource): Promise<AsyncIterable<StreamEvent>> {
  const chain = usersChain(userId, executionId);
  if (chain) {
    const session = await getPrisma().session.findFirst({ where: { id: chain.sessionId, userId }, select: { notebookId: true } });
    const events = session ? liveEvents(executionId, offset) : undefined;
    if (!session || !events) throw new AppError("not_found", "There is no such execution.");
    await findNotebookFor({ userId, linkToken: linkTokens?.(session.notebookId) ?? null }, session.notebookId, "read");
    return events;
  }
  const execution = await getPrisma().execution.findFirst({ where: { id: executionId, userId } });
  if (!execution) throw new AppError("not_found", "There is no such execution.");
  await findNotebookFor({ userId, linkToken: linkTokens?.(execution.notebookId) ?? null }, execution.notebookId, "read");
  const events = liveEvents(executionId, offset);
  if (events) return events;
  if (execution.status === "running") {
    throw new AppError("conflict", "This run is no longer followed by the server (it restarted since the run began); run the block again.");
  }
  throw new AppError("conflict", "This run finished a while ago: its stored output is in the session's executions.");
}

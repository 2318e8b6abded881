import { getSettings } from "../config/settings";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { findNotebookFor } from "../auth/notebook-access";
import { connectSession } from "./connect-session";
import { endSession } from "./end-session";
import { kernelStates } from "./kernel-state";
import type { LinkTokenSource } from "../sharing/share-link-token";
import { sessionView, type SessionView } from "./session-view";

// The session routes' operations: always the signed-in user's own session, started only on a
// notebook they may run (a viewer, a run link's holder, …). Nobody reaches another user's
// container through these. `linkToken` is a share link's secret, when the user came through one.

export async function openUserSession(
  userId: string,
  notebookId: string,
  linkToken: string | null = null,
): Promise<{ session: SessionView; created: boolean }> {
  const { notebook } = await findNotebookFor({ userId, linkToken }, notebookId, "run");
  const { session, created } = await connectSession({ userId, notebook });
  return { session: sessionView(session, getSettings().SESSION_IDLE_MINUTES, await kernelStates(session.id)), created };
}

export async function getUserSession(userId: string, notebookId: string, linkToken: string | null = null): Promise<SessionView> {
  await findNotebookFor({ userId, linkToken }, notebookId, "read");
  const session = await getPrisma().session.findFirst({
    where: { userId, notebookId, status: { not: "ended" } },
  });
  if (!session) throw new AppError("not_found", "You have no session on this notebook. Connect to start one.");
  return sessionView(session, getSettings().SESSION_IDLE_MINUTES, await kernelStates(session.id));
}

/**
 * One of the user's own sessions by id, ended or not (an ended one says why, with no kernels): what
 * a page polls to keep its session bar true (kernel states, a session that ended meanwhile).
 */
export async function getOwnSession(userId: string, sessionId: string, linkTokens?: LinkTokenSource): Promise<SessionView> {
  const session = await getPrisma().session.findFirst({ where: { id: sessionId, userId } });
  if (!session) throw new AppError("not_found", "There is no such session.");
  await findNotebookFor({ userId, linkToken: linkTokens?.(session.notebookId) ?? null }, session.notebookId, "read");
  const kernels = session.status === "ended" ? [] : await kernelStates(session.id);
  return sessionView(session, getSettings().SESSION_IDLE_MINUTES, kernels);
}

export async function closeUserSession(userId: string, notebookId: string, linkToken: string | null = null): Promise<void> {
  await findNotebookFor({ userId, linkToken }, notebookId, "read");
  const live = await getPrisma().session.findMany({ where: { userId, notebookId, status: { not: "ended" } } });
  for (const session of live) await endSession(session.id, "Disconnected.");
}

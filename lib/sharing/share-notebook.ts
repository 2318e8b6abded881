import type { ShareRole } from "@prisma/client";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { findNotebookFor } from "../auth/notebook-access";
import { findUserByEmail } from "../teams/find-user-by-email";
import type { NotebookShareView } from "./list-shares";
import { endRevokedSessions } from "./end-revoked-sessions";

export type ShareNotebookOptions = { actorId: string; notebookId: string; email: string; role: ShareRole };

/** Shares the notebook with an existing user, or changes their role if it is shared already (owners only). */
export async function shareNotebook({ actorId, notebookId, email, role }: ShareNotebookOptions): Promise<{ share: NotebookShareView; created: boolean }> {
  const { notebook } = await findNotebookFor(actorId, notebookId, "manage");
  const user = await findUserByEmail(email);
  if (user.id === notebook.ownerId) throw new AppError("unprocessable", "That is the notebook's author: they have every right to it already.");
  const prisma = getPrisma();
  const existing = await prisma.notebookShare.findUnique({ where: { notebookId_userId: { notebookId, userId: user.id } } });
  const share = await prisma.notebookShare.upsert({
    where: { notebookId_userId: { notebookId, userId: user.id } },
    create: { notebookId, userId: user.id, role },
    update: { role },
  });
  return { share: { user, role: share.role, createdAt: share.createdAt }, created: !existing };
}

/** Stops sharing the notebook with a user (owners only); their sandbox on it goes unless a team still lets them run it. */
export async function unshareNotebook(actorId: string, notebookId: string, userId: string): Promise<void> {
  await findNotebookFor(actorId, notebookId, "manage");
  const { count } = await getPrisma().notebookShare.deleteMany({ where: { notebookId, userId } });
  if (count === 0) throw new AppError("not_found", "This notebook is not shared with that user.");
  await endRevokedSessions(userId, { id: notebookId });
}

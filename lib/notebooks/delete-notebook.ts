import { getPrisma } from "../db/client";
import { endSession } from "../sessions/end-session";
import { findNotebookFor } from "../auth/notebook-access";

export async function deleteNotebook(userId: string, notebookId: string): Promise<void> {
  await findNotebookFor(userId, notebookId, "delete");
  const prisma = getPrisma();
  // Every reader's container goes with the notebook, not at the next start-up reconcile.
  const live = await prisma.session.findMany({ where: { notebookId, status: { not: "ended" } }, select: { id: true } });
  for (const { id } of live) await endSession(id, "The notebook was deleted.");
  // deleteMany: a concurrent delete of the same notebook is not an error.
  await prisma.notebook.deleteMany({ where: { id: notebookId } });
}

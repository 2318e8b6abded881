import { getPrisma } from "../db/client";
import { endSession } from "../sessions/end-session";
import { findNotebookFor } from "../auth/notebook-access";
import { deleteApp } from "../webapps/delete-app";

/** Deletes a notebook (owners) with every reader's sandbox on it and every web app deployed from it. */
export async function deleteNotebook(userId: string, notebookId: string): Promise<void> {
  await findNotebookFor(userId, notebookId, "delete");
  const prisma = getPrisma();
  // Every reader's container goes with the notebook, not at the next start-up reconcile.
  const live = await prisma.session.findMany({ where: { notebookId, status: { not: "ended" } }, select: { id: true } });
  for (const { id } of live) await endSession(id, "The notebook was deleted.");
  // Its apps' containers and images too: the row's cascade alone would leave them serving.
  const apps = await prisma.app.findMany({ where: { notebookId }, select: { id: true } });
  for (const { id } of apps) await deleteApp(id);
  // deleteMany: a concurrent delete of the same notebook is not an error.
  await prisma.notebook.deleteMany({ where: { id: notebookId } });
}

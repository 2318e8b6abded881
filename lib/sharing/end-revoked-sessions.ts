import type { Prisma } from "@prisma/client";
import { getPrisma } from "../db/client";
import { findNotebookFor } from "../auth/notebook-access";
import { endSession } from "../sessions/end-session";

/**
 * Ends the user's live sessions on the notebooks matched by `notebooks` that they may no longer
 * run: once access is taken away, their container goes at once, not at the idle reaper.
 */
export async function endRevokedSessions(userId: string, notebooks: Prisma.NotebookWhereInput): Promise<void> {
  const live = await getPrisma().session.findMany({
    where: { userId, status: { not: "ended" }, notebook: notebooks },
    select: { id: true, notebookId: true },
  });
  for (const session of live) {
    const stillRuns = await findNotebookFor(userId, session.notebookId, "run").then(
      () => true,
      () => false,
    );
    if (!stillRuns) await endSession(session.id, "Your access to this notebook was withdrawn.");
  }
}

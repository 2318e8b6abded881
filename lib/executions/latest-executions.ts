import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { findNotebookFor } from "../auth/notebook-access";
import type { LinkTokenSource } from "../sharing/share-link-token";

/** The latest execution of each block in the user's own session, as stored, while they may still read the notebook. */
export async function latestExecutions(userId: string, sessionId: string, linkTokens?: LinkTokenSource) {
  const prisma = getPrisma();
  const session = await prisma.session.findFirst({ where: { id: sessionId, userId } });
  if (!session) throw new AppError("not_found", "There is no such session.");
  await findNotebookFor({ userId, linkToken: linkTokens?.(session.notebookId) ?? null }, session.notebookId, "read");
  const rows = await prisma.execution.findMany({
    where: { sessionId },
    orderBy: [{ blockIndex: "asc" }, { startedAt: "desc" }],
    distinct: ["blockIndex"],
  });
  return rows.map((row) => ({
    id: row.id,
    blockIndex: row.blockIndex,
    status: row.status,
    exitCode: row.exitCode,
    output: row.output,
    truncated: row.truncated,
    artifacts: row.artifacts,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  }));
}

import { blockKey } from "../notebook/find-block";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { findNotebookFor } from "../auth/notebook-access";
import type { LinkTokenSource } from "../sharing/share-link-token";

// How many of a session's newest runs are looked through for each block's latest.
const MAX_ROWS = 5000;

/**
 * The latest execution of each block in the user's own session, as stored, while they may still
 * read the notebook. Blocks are told apart by id, and by place for runs stored before ids.
 */
export async function latestExecutions(userId: string, sessionId: string, linkTokens?: LinkTokenSource) {
  const prisma = getPrisma();
  const session = await prisma.session.findFirst({ where: { id: sessionId, userId } });
  if (!session) throw new AppError("not_found", "There is no such session.");
  await findNotebookFor({ userId, linkToken: linkTokens?.(session.notebookId) ?? null }, session.notebookId, "read");
  const newest = await prisma.execution.findMany({
    where: { sessionId },
    select: { id: true, blockId: true, blockIndex: true },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: MAX_ROWS,
  });
  const latest = new Map<string, string>();
  for (const row of newest) {
    const key = blockKey({ id: row.blockId, index: row.blockIndex });
    if (!latest.has(key)) latest.set(key, row.id);
  }
  const rows = await prisma.execution.findMany({ where: { id: { in: [...latest.values()] } }, orderBy: { blockIndex: "asc" } });
  return rows.map((row) => ({
    id: row.id,
    blockId: row.blockId,
    codeFingerprint: row.codeFingerprint,
    blockIndex: row.blockIndex,
    status: row.status,
    exitCode: row.exitCode,
    output: row.output,
    truncated: row.truncated,
    artifacts: row.artifacts,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.durationMs,
  }));
}

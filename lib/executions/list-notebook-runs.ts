import type { ExecutionStatus } from "@prisma/client";
import { getPrisma } from "../db/client";
import { findNotebookFor } from "../auth/notebook-access";

export type NotebookRun = {
  id: string;
  blockIndex: number;
  blockId: string | null;
  status: ExecutionStatus;
  exitCode: number | null;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  user: { id: string; name: string; email: string };
};

const MAX_RUNS = 200;

/**
 * The notebook's run history for its owners (the audit): who ran which block, when, and how it
 * ended, newest first. Outputs stay with whoever ran them: a reader's output is theirs.
 */
export async function listNotebookRuns(userId: string, notebookId: string): Promise<NotebookRun[]> {
  await findNotebookFor(userId, notebookId, "manage");
  return getPrisma().execution.findMany({
    where: { notebookId },
    select: {
      id: true,
      blockIndex: true,
      blockId: true,
      status: true,
      exitCode: true,
      startedAt: true,
      finishedAt: true,
      durationMs: true,
      user: { select: { id: true, name: true, email: true } },
    },
    orderBy: [{ startedAt: "desc" }, { id: "asc" }],
    take: MAX_RUNS,
  });
}

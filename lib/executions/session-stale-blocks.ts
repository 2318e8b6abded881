import { findNotebookFor } from "../auth/notebook-access";
import { getPrisma } from "../db/client";
import { blockKey, findBlock, type BlockRef } from "../notebook/find-block";
import { readNotebookSettings } from "../notebook/front-matter";
import { parseNotebook } from "../notebook/parse-notebook";
import type { NotebookBlock } from "../notebook/types";
import type { LinkTokenSource } from "../sharing/share-link-token";
import { kernelStates } from "../sessions/kernel-state";
import { staleBlocks, type LatestRun, type StaleBlock } from "./stale-blocks";

// How many of a session's newest runs are looked through for each block's latest.
const MAX_ROWS = 5000;

export type StalePlan = { target: NotebookBlock; stale: StaleBlock[] };

/**
 * The stale runnable blocks above the block asked for, in the user's own session, by the rule of
 * stale-blocks.ts. Undefined when anything is wrong (no such session or block, no right to run):
 * startExecution then refuses the run with its own sentence.
 */
export async function sessionStaleBlocks(userId: string, sessionId: string, ref: BlockRef, linkTokens?: LinkTokenSource): Promise<StalePlan | undefined> {
  const prisma = getPrisma();
  const session = await prisma.session.findFirst({ where: { id: sessionId, userId } });
  if (!session || session.status === "ended") return undefined;
  const { notebook } = await findNotebookFor({ userId, linkToken: linkTokens?.(session.notebookId) ?? null }, session.notebookId, "run").catch(() => ({ notebook: null }));
  if (!notebook) return undefined;
  const blocks = parseNotebook(notebook.content);
  const target = findBlock(blocks, ref);
  if (!target || target.kind !== "runnable" || target.error) return undefined;
  const { state } = readNotebookSettings(notebook.content);
  if (state === "isolated") return { target, stale: [] };

  const [rows, kernels] = await Promise.all([
    prisma.execution.findMany({
      where: { sessionId },
      select: { blockId: true, blockIndex: true, codeFingerprint: true, status: true, startedAt: true, finishedAt: true },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      take: MAX_ROWS,
    }),
    kernelStates(sessionId),
  ]);
  const kernelStart = new Map(kernels.map((kernel) => [kernel.runtime, kernel.startedAt === null ? null : Date.parse(kernel.startedAt)]));
  const runtimeOf = new Map(blocks.map((block) => [blockKey(block), block.runtime]));
  const latest = new Map<string, LatestRun>();
  for (const row of rows) {
    const key = blockKey({ id: row.blockId, index: row.blockIndex });
    if (latest.has(key)) continue;
    // A run still going counts as done: it is not started a second time under itself.
    const running = row.status === "running";
    const started = kernelStart.get(runtimeOf.get(key) ?? "go");
    const finished = row.finishedAt?.getTime();
    latest.set(key, {
      codeFingerprint: row.codeFingerprint,
      succeeded: running || row.status === "succeeded",
      order: row.startedAt.getTime(),
      // It ran in the current kernel when it ended after that kernel's process started.
      inCurrentKernel: running || (started != null && finished !== undefined && finished >= started),
    });
  }
  const above = blocks.filter((block) => block.index < target.index);
  return { target, stale: staleBlocks(above, state, latest) };
}

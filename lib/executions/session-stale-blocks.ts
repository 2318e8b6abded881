import { Prisma, type Execution } from "@prisma/client";
import { getPrisma } from "../db/client";
import { blockKey } from "../notebook/find-block";
import { readNotebookSettings } from "../notebook/front-matter";
import type { NotebookBlock } from "../notebook/types";
import { kernelStates } from "../sessions/kernel-state";
import type { CheckedRun } from "./start-execution";
import { staleBlocks, type LatestRun, type StaleBlock } from "./stale-blocks";

// How many of a session's newest runs are looked through for each block's latest.
const MAX_ROWS = 5000;

type LatestRow = Pick<Execution, "blockId" | "blockIndex" | "codeFingerprint" | "status" | "startedAt" | "finishedAt">;

/**
 * The stale runnable blocks above `target`, in the user's own session, by the rule of
 * stale-blocks.ts, from the run that startChainedExecution has just checked. With no runnable
 * block above the target (or in an isolated notebook) nothing is stale and nothing is asked.
 */
export async function sessionStaleBlocks({ session, notebook, blocks }: CheckedRun, target: NotebookBlock): Promise<StaleBlock[]> {
  const { state } = readNotebookSettings(notebook.content);
  const above = blocks.filter((block) => block.index < target.index);
  if (state === "isolated" || !above.some((block) => block.kind === "runnable")) return [];
  const sessionId = session.id;
  const prisma = getPrisma();
  // Each block's latest run among the session's newest MAX_ROWS, keyed as blockKey keys them.
  const [rows, kernels] = await Promise.all([
    prisma.$queryRaw<LatestRow[]>(Prisma.sql`
      SELECT DISTINCT ON (COALESCE(e."blockId", '#' || e."blockIndex"))
             e."blockId", e."blockIndex", e."codeFingerprint", e."status"::text AS "status", e."startedAt", e."finishedAt"
      FROM (SELECT "id", "blockId", "blockIndex", "codeFingerprint", "status", "startedAt", "finishedAt" FROM "Execution"
            WHERE "sessionId" = ${sessionId} ORDER BY "startedAt" DESC, "id" DESC LIMIT ${MAX_ROWS}) e
      ORDER BY COALESCE(e."blockId", '#' || e."blockIndex"), e."startedAt" DESC, e."id" DESC`),
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
  return staleBlocks(above, state, latest);
}

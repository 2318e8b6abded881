import { blockKey } from "../notebook/find-block";
import { readNotebookSettings } from "../notebook/front-matter";
import type { NotebookBlock } from "../notebook/types";
import { kernelStates } from "../sessions/kernel-state";
import { sessionLatestRuns } from "./session-latest-runs";
import type { CheckedRun } from "./start-execution";
import { staleBlocks, type LatestRun, type StaleBlock } from "./stale-blocks";

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
  // Each block's latest run in the session, keyed as blockKey keys them.
  const [rows, kernels] = await Promise.all([
    sessionLatestRuns(sessionId),
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

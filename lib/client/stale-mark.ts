import { staleBlocks, type LatestRun } from "@/lib/executions/stale-blocks";
import { blockKey } from "@/lib/notebook/find-block";
import type { NotebookState } from "@/lib/notebook/front-matter";
import type { NotebookBlock } from "@/lib/notebook/types";
import type { KernelView } from "@/lib/sessions/kernel-state";
import type { BlockRun } from "./run-store";

/**
 * Why a block's output is out of date by the server's stale rule (lib/executions/stale-blocks.ts),
 * applied to the runs this page knows: the same blocks the next Run will run first. Undefined
 * when it is current, when it has not run or its own run failed, and in isolated notebooks.
 */
export function staleMarkOf(
  block: NotebookBlock,
  blocks: readonly NotebookBlock[],
  state: NotebookState,
  runs: Readonly<Record<string, BlockRun>>,
  kernelRestarts: Readonly<Record<string, number>>,
  kernels: readonly KernelView[] = [],
): string | undefined {
  if (state === "isolated" || !runs[blockKey(block)]) return undefined;
  const latest = new Map<string, LatestRun>();
  const upTo = blocks.filter((other) => other.index <= block.index);
  for (const other of upTo) {
    const key = blockKey(other);
    const run = runs[key];
    if (!run || run.order === undefined) continue;
    // A run still going counts as done, as on the server.
    const running = run.status === "running";
    latest.set(key, {
      codeFingerprint: run.codeFingerprint,
      succeeded: running || (!run.error && run.exit?.exitCode === 0),
      order: run.order,
      inCurrentKernel: running || (run.order > (kernelRestarts[other.runtime ?? ""] ?? Number.NEGATIVE_INFINITY) && ranInKernel(run, other, kernels)),
    });
  }
  // A block whose own last run failed shows that failure; calling it out of date says nothing more.
  if (latest.get(blockKey(block))?.succeeded === false) return undefined;
  return staleBlocks(upTo, state, latest).find((stale) => stale.block.index === block.index)?.reason;
}

// A restored run counts when it ended after its kernel's process started (both the server's clock);
// a run of this page counts unless the page saw the kernel restart since (kernelRestarts).
function ranInKernel(run: BlockRun, block: NotebookBlock, kernels: readonly KernelView[]): boolean {
  if (run.finishedAt === undefined) return true;
  const startedAt = kernels.find((kernel) => kernel.runtime === block.runtime)?.startedAt;
  return startedAt != null && Date.parse(run.finishedAt) >= Date.parse(startedAt);
}

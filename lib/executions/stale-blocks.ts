import { codeFingerprint } from "../notebook/code-fingerprint";
import { blockKey } from "../notebook/find-block";
import type { NotebookState } from "../notebook/front-matter";
import { runsInFreshProcess } from "../notebook/run-mode";
import type { NotebookBlock } from "../notebook/types";

/**
 * A block's latest run in this session, as the stale rule needs it. `order` sorts runs by when
 * they started (a time or a counter: only comparisons are made). `inCurrentKernel` says whether
 * the run happened in the kernel its language has now (false when that kernel started, or
 * restarted, after the run); it is ignored for blocks that run in a fresh process.
 */
export type LatestRun = { codeFingerprint: string | null | undefined; succeeded: boolean; order: number; inCurrentKernel: boolean };

export type StaleBlock = { block: NotebookBlock; reason: string };

/**
 * Livebook's rule, across languages (blocks share the workspace's files): in a shared notebook a
 * runnable block is stale when it never ran in this session's kernels, its code changed since it
 * ran, its last run failed, or it ran before a block above it re-ran — and every block below a
 * stale block is stale too, since that block will run again first. Returns the stale runnable
 * blocks in document order; none in an isolated notebook, whose blocks never depend on each other.
 */
export function staleBlocks(blocks: readonly NotebookBlock[], state: NotebookState, latest: ReadonlyMap<string, LatestRun>): StaleBlock[] {
  if (state === "isolated") return [];
  const stale: StaleBlock[] = [];
  let newestAbove = Number.NEGATIVE_INFINITY;
  let staleAbove: NotebookBlock | undefined;
  for (const block of blocks) {
    if (block.kind !== "runnable" || block.error || !block.runtime) continue;
    const run = latest.get(blockKey(block));
    const reason = staleReason(block, state, run, staleAbove, newestAbove);
    if (reason) {
      stale.push({ block, reason });
      staleAbove ??= block;
    }
    if (run) newestAbove = Math.max(newestAbove, run.order);
  }
  return stale;
}

function staleReason(block: NotebookBlock, state: NotebookState, run: LatestRun | undefined, staleAbove: NotebookBlock | undefined, newestAbove: number): string | undefined {
  if (!run) return "It has not run in this session yet.";
  if (!runsInFreshProcess(state, block) && !run.inCurrentKernel) return `It has not run since the ${block.runtime} kernel started.`;
  if (run.codeFingerprint && run.codeFingerprint !== codeFingerprint(block.code)) return "Its code has changed since it ran.";
  if (!run.succeeded) return "Its last run failed.";
  if (staleAbove) return `Block ${staleAbove.index} above it will run again first.`;
  if (run.order < newestAbove) return "A block above it ran again after it.";
  return undefined;
}

import type { NotebookState } from "./front-matter";
import type { NotebookBlock, Runtime } from "./types";

// Which runtimes keep a kernel (state from block to block) in a `state: shared` notebook. Go
// compiles each block on its own, so it is one-shot in both modes.
export const KERNEL_RUNTIMES = ["python", "node", "bash", "r"] as const satisfies readonly Runtime[];
export type KernelRuntime = (typeof KERNEL_RUNTIMES)[number];

/**
 * Whether a runnable block runs alone in a fresh process: always in an isolated notebook, for a
 * block marked `isolated` (a bare word in its fence), and for runtimes without a kernel. The one
 * rule the server (where a run goes) and the page (what it says about a block) share.
 */
export function runsInFreshProcess(state: NotebookState, block: Pick<NotebookBlock, "runtime" | "attrs">): boolean {
  if (state === "isolated") return true;
  if (block.attrs.isolated === "true") return true;
  return !block.runtime || !(KERNEL_RUNTIMES as readonly Runtime[]).includes(block.runtime);
}

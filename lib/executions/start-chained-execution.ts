import { AppError } from "../http/app-error";
import type { NotebookBlock } from "../notebook/types";
import { keepRunning } from "./live-executions";
import { sessionStaleBlocks } from "./session-stale-blocks";
import { startExecution, type StartExecutionOptions } from "./start-execution";
import type { StreamEvent } from "./stream-events";

const refOf = (block: NotebookBlock) => (block.id !== null ? { id: block.id } : { index: block.index });

/**
 * Runs a block as POST /api/executions does. In a shared notebook the stale blocks above it run
 * first, each as its own execution (kept running and resumable like any other): the stream is a
 * `chain` event naming them, then each one's `start … exit`, then the block's own. A block that
 * fails stops the chain with a sentence naming it. With nothing stale the stream is one run's.
 *
 * The first run is started before this resolves, so everything that can be refused (no session,
 * a changed notebook, a block that cannot run) is still a 4xx, not a line in a 200 stream.
 */
export async function startChainedExecution(options: StartExecutionOptions): Promise<AsyncIterable<StreamEvent>> {
  const plan = await sessionStaleBlocks(options.userId, options.sessionId, options.block, options.linkTokens);
  if (!plan || plan.stale.length === 0) return keepRunning(await startExecution(options)).from(0);
  const chain = plan.stale.map(({ block }) => block);
  const first = keepRunning(await startExecution({ ...options, block: refOf(chain[0]!) }));
  return chainEvents(options, chain, plan.target, first);
}

async function* chainEvents(
  options: StartExecutionOptions,
  chain: NotebookBlock[],
  target: NotebookBlock,
  first: ReturnType<typeof keepRunning>,
): AsyncGenerator<StreamEvent> {
  yield { type: "chain", blocks: chain.map((block) => ({ blockId: block.id, blockIndex: block.index })) };
  let live = first;
  for (const [i, block] of chain.entries()) {
    let failed = false;
    for await (const event of live.from(0)) {
      if (event.type === "error" || (event.type === "exit" && event.exitCode !== 0)) failed = true;
      yield event;
    }
    if (failed) {
      yield { type: "error", message: `Block ${block.index} failed, so block ${target.index} did not run.` };
      return;
    }
    const next = chain[i + 1] ?? target;
    try {
      live = keepRunning(await startExecution({ ...options, block: refOf(next) }));
    } catch (error) {
      const why = error instanceof AppError ? error.message : "it could not be started.";
      yield { type: "error", message: `Block ${next.index} did not run: ${why}` };
      return;
    }
  }
  yield* live.from(0);
}

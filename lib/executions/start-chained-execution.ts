import { randomUUID } from "node:crypto";
import { AppError } from "../http/app-error";
import type { NotebookBlock } from "../notebook/types";
import { keepRunning } from "./live-executions";
import { chainEnded, chainStarted, type ChainRecord } from "./session-chains";
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
 * a changed notebook, a block that cannot run) is still a 4xx, not a line in a 200 stream. The
 * chain goes on to its end whoever reads it, as a single run does (a reload does not stop it);
 * while it runs it is the session's chain in flight, which a reloaded page follows by its id.
 */
export async function startChainedExecution(options: StartExecutionOptions): Promise<AsyncIterable<StreamEvent>> {
  const plan = await sessionStaleBlocks(options.userId, options.sessionId, options.block, options.linkTokens);
  if (!plan || plan.stale.length === 0) return keepRunning(await startExecution(options)).from(0);
  const chain = plan.stale.map(({ block }) => block);
  const first = keepRunning(await startExecution({ ...options, block: refOf(chain[0]!) }));
  // Kept running under an id of its own that no execution has: only its user follows it (follow-execution.ts).
  const record: ChainRecord = {
    executionId: `chain-${randomUUID()}`,
    userId: options.userId,
    sessionId: options.sessionId,
    blocks: chain.map((block) => ({ blockId: block.id, blockIndex: block.index })),
    target: { blockId: plan.target.id, blockIndex: plan.target.index },
  };
  chainStarted(record);
  return keepRunning({ executionId: record.executionId, events: recorded(record, chainEvents(options, chain, plan.target, first, record)), cancel: () => undefined }).from(0);
}

async function* recorded(record: ChainRecord, events: AsyncGenerator<StreamEvent>): AsyncGenerator<StreamEvent> {
  try {
    yield* events;
  } finally {
    chainEnded(record);
  }
}

async function* chainEvents(
  options: StartExecutionOptions,
  chain: NotebookBlock[],
  target: NotebookBlock,
  first: ReturnType<typeof keepRunning>,
  record: ChainRecord,
): AsyncGenerator<StreamEvent> {
  yield { type: "chain", executionId: record.executionId, blocks: record.blocks, target: record.target };
  let live = first;
  for (const [i, block] of chain.entries()) {
    let failed = false;
    let cancelled = false;
    for await (const event of live.from(0)) {
      if (event.type === "error" || (event.type === "exit" && event.exitCode !== 0)) failed = true;
      if (event.type === "exit" && event.cancelled) cancelled = true;
      yield event;
    }
    if (failed) {
      yield { type: "error", message: `Block ${block.index} ${cancelled ? "was cancelled" : "failed"}, so block ${target.index} did not run.` };
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

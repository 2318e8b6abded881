import { randomUUID } from "node:crypto";
import { getSettings } from "../config/settings";
import type { Sandbox } from "../containers/backend";
import { getContainerBackend } from "../containers/container-backend";
import { exitSummary } from "../executions/exit-summary";
import { blockTimeoutMs } from "../executions/block-timeout";
import type { StreamEvent } from "../executions/stream-events";
import { AppError } from "../http/app-error";
import { parseNotebook } from "../notebook/parse-notebook";
import type { NotebookBlock } from "../notebook/types";
import { blockCommand } from "../runtimes/block-command";
import { fileBlocks } from "../sessions/workspace-files";
import { claimScratchRun } from "./scratch-run-limit";
import { scratchSandboxSpec } from "./scratch-sandbox-spec";
import { getLogger } from "../observability/logger";

export type ScratchRunEvent = StreamEvent | { type: "end"; ran: number; failed: number; skipped: number };

export type ScratchRunOptions = {
  userId: string;
  content: string;
  /** Stop after the first block that does not exit 0 (the rest are counted as skipped). */
  stopOnFailure: boolean;
};

export type ScratchRun = { events: AsyncIterable<ScratchRunEvent>; cancel(): void };

/**
 * Runs every runnable block of a notebook that is not stored, in order, in one fresh sandbox
 * seeded with its file blocks. Nothing is written to the database; the sandbox is removed when
 * the events end, whether they ran out, failed, or the client went away.
 */
export async function runScratchNotebook({ userId, content, stopOnFailure }: ScratchRunOptions): Promise<ScratchRun> {
  const blocks = parseNotebook(content);
  const release = claimScratchRun(userId);
  let sandbox: Sandbox;
  try {
    sandbox = await getContainerBackend().createSandbox(scratchSandboxSpec(getSettings(), userId));
  } catch (error) {
    release();
    getLogger().error({ err: error }, "scratch run: sandbox start failed");
    throw new AppError("unavailable", "The sandbox could not be started. Check that the Docker engine is running, then try again.");
  }
  const state = { cancelled: false, current: null as string | null };
  return {
    events: scratchEvents(sandbox, blocks, stopOnFailure, state, release),
    cancel() {
      state.cancelled = true;
      if (state.current) sandbox.cancel(state.current);
    },
  };
}

async function* scratchEvents(
  sandbox: Sandbox,
  blocks: NotebookBlock[],
  stopOnFailure: boolean,
  state: { cancelled: boolean; current: string | null },
  release: () => void,
): AsyncGenerator<ScratchRunEvent> {
  const runnable = blocks.filter((block) => block.kind === "runnable");
  let ran = 0;
  let failed = 0;
  try {
    await sandbox.seedFiles([...fileBlocks(blocks)].map(([path, content]) => ({ path, content })));
    for (const block of runnable) {
      if (state.cancelled || (stopOnFailure && failed > 0)) break;
      ran++;
      const ok = yield* runBlock(sandbox, block, state);
      if (!ok) failed++;
    }
    yield { type: "end", ran, failed, skipped: runnable.length - ran };
  } finally {
    release();
    await sandbox.remove().catch((error: unknown) => getLogger().error({ err: error }, "scratch run: could not remove a sandbox"));
  }
}

async function* runBlock(
  sandbox: Sandbox,
  block: NotebookBlock,
  state: { current: string | null },
): AsyncGenerator<StreamEvent, boolean> {
  const settings = getSettings();
  const runId = randomUUID();
  yield { type: "start", executionId: runId, blockIndex: block.index, blockId: block.id };
  if (block.error || !block.runtime) {
    yield { type: "error", message: `Block ${block.index} cannot run: ${block.error ?? "it has no runtime"}` };
    return false;
  }
  const timeoutMs = blockTimeoutMs(block.attrs, settings.EXEC_TIMEOUT_SECONDS, settings.EXEC_TIMEOUT_MAX_SECONDS);
  const command = blockCommand(block.runtime, block.index, block.code);
  state.current = runId;
  let exitCode: number | null = null;
  try {
    const run = sandbox.run(
      { argv: command.argv, files: command.files, cwd: "/workspace", timeoutMs, outputCapBytes: settings.EXEC_OUTPUT_MAX_BYTES, maxOutputEvents: settings.MAX_RUN_EVENTS },
      runId,
    );
    for await (const event of run.events) {
      if (event.type === "output") yield { type: "output", stream: event.stream, data: event.data };
      else if (event.type === "error") yield { type: "error", message: event.message };
      else if (event.type === "exit") {
        const summary = exitSummary(event, { timeoutMs, memoryBytes: settings.SESSION_MEMORY });
        exitCode = summary.exitCode;
        yield summary;
      }
    }
  } catch (error) {
    getLogger().error({ err: error }, "scratch run: block failed");
    yield { type: "error", message: "The block could not be run: the sandbox stopped." };
    return false;
  } finally {
    state.current = null;
  }
  return exitCode === 0;
}

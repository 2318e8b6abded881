import { randomUUID } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Execution, Notebook, Session } from "@prisma/client";
import { getSettings, type Settings } from "../config/settings";
import { LINE_TOO_LONG, SandboxGoneError, type ExitEvent, type RunEvent, type Sandbox } from "../containers/backend";
import { AppError } from "../http/app-error";
import { findSessionNotebookFor } from "../auth/notebook-access";
import type { LinkTokenSource } from "../sharing/share-link-token";
import { parsedNotebook } from "../notebook/parsed-notebooks";
import { readNotebookSettings } from "../notebook/front-matter";
import { runsInFreshProcess } from "../notebook/run-mode";
import { codeFingerprint } from "../notebook/code-fingerprint";
import { blockName, findBlock, type BlockRef } from "../notebook/find-block";
import type { NotebookBlock } from "../notebook/types";
import { blockCommand } from "../runtimes/block-command";
import { CONTAINER_DIED, liveSandbox, sandboxLostReason } from "../sessions/live-sandbox";
import { cancelRun, takeCancelRequest } from "./cancel-requests";
import { syncSessionFiles } from "../sessions/sync-session-files";
import { touchSession } from "../sessions/touch-session";
import { getLogger } from "../observability/logger";
import { recordRun } from "../observability/record-activity";
import { storeArtifact } from "../artifacts/artifact-files";
import { executionArtifactUrl } from "../artifacts/artifact-urls";
import { keepArtifact, skippedArtifactNote } from "../artifacts/keep-artifact";
import { blockTimeoutMs } from "./block-timeout";
import { exitCodeOf } from "./exit-message";
import { exitSummary } from "./exit-summary";
import { takeRunSlot } from "./run-slot";
import { insertStartedExecution, storeFinishedExecution, type StartedExecution } from "./execution-rows";
import { StoredOutput } from "./stored-output";
import type { StreamEvent } from "./stream-events";
import { inputPrompts } from "./input-prompts";
import { KERNEL_RUNTIMES, type KernelRuntime } from "../notebook/run-mode";

export type StartExecutionOptions = {
  userId: string;
  sessionId: string;
  /** by id, or by index in the saved notebook */
  block: BlockRef;
  version?: number;
  /** the share-link secrets the request holds: a run link's holder runs through it */
  linkTokens?: LinkTokenSource;
};

export type ExecutionHandle = {
  executionId: string;
  events: AsyncIterable<StreamEvent>;
  cancel(): void;
};

const OUTPUT_DIR = ".runnel/out";

/** The runnable block a run asks for, or the 4xx that says why it cannot run. */
export function runnableBlock(blocks: NotebookBlock[], ref: BlockRef): NotebookBlock & { runtime: NonNullable<NotebookBlock["runtime"]> } {
  const block = findBlock(blocks, ref);
  const name = blockName(ref);
  if (!block) throw new AppError("not_found", `${name} is not in the notebook.`);
  if (block.kind !== "runnable") throw new AppError("unprocessable", `${name} is a ${block.kind} block; only runnable blocks run.`);
  if (block.error || !block.runtime) throw new AppError("unprocessable", `${name} cannot run: ${block.error ?? "it has no runtime"}`);
  return { ...block, runtime: block.runtime };
}

/** What a run was checked against: the user's live session, and its notebook as saved and parsed. */
export type CheckedRun = { session: Session; notebook: Notebook; blocks: NotebookBlock[] };

/**
 * Everything about the session and the notebook that can refuse a run, asked of the database
 * afresh (one query, plus one for a share link the request holds): the session is the user's
 * own and not ended, their right to run the notebook still holds (a share, membership or link
 * revoked since the session started stops the next run), and the notebook is the version the
 * caller loaded. The parse is reused while the saved notebook is unchanged (parsed-notebooks.ts).
 */
export async function checkRun(options: StartExecutionOptions): Promise<CheckedRun> {
  const found = await findSessionNotebookFor(options.userId, options.sessionId, "run", options.linkTokens);
  if (!found) throw new AppError("not_found", "There is no such session.");
  const { session, access: { notebook } } = found;
  if (session.status === "ended") {
    throw new AppError("conflict", `This session has ended${session.endedReason ? `: ${session.endedReason}` : "."} Connect again to start a new one.`);
  }
  if (options.version !== undefined && options.version !== notebook.version) {
    throw new AppError("conflict", "The notebook has changed since you loaded it. Reload it before running this block.");
  }
  return { session, notebook, blocks: parsedNotebook(notebook) };
}

/**
 * Checks everything that can be refused before any output (unknown session, changed notebook,
 * a block that is not runnable, a dead container), then starts the block from the saved
 * notebook and returns its events. `checked` is this same request's checkRun, when its caller
 * has just made it (startChainedExecution); otherwise the run is checked here.
 *
 * The execution row is written while the block starts, not before: the run is sent to the
 * sandbox first, and this resolves once the row is stored (the block is cancelled if it cannot
 * be). Its output and status are stored as the stream ends, after the exit event has gone out.
 */
export async function startExecution(options: StartExecutionOptions, checked?: CheckedRun): Promise<ExecutionHandle> {
  const settings = getSettings();
  const { session, notebook, blocks } = checked ?? (await checkRun(options));
  const block = runnableBlock(blocks, options.block);
  const sandbox = await liveSandbox(session);
  if (!sandbox) throw new AppError("conflict", CONTAINER_DIED);
  const releaseSlot = takeRunSlot(settings, session.id);
  let changedFiles: string[];
  try {
    changedFiles = await syncSessionFiles(session, sandbox, blocks);
  } catch (error) {
    releaseSlot();
    throw error;
  }
  const execution: StartedExecution = {
    id: randomUUID(),
    sessionId: session.id,
    notebookId: notebook.id,
    userId: options.userId,
    blockIndex: block.index,
    blockId: block.id,
    codeFingerprint: codeFingerprint(block.code),
    startedAt: new Date(),
  };
  const stored = insertStartedExecution(execution);
  touchSession(session).catch((error: unknown) => getLogger().warn({ err: error, sessionId: session.id }, "recording the session's activity failed"));

  const timeoutMs = blockTimeoutMs(block.attrs, settings.EXEC_TIMEOUT_SECONDS, settings.EXEC_TIMEOUT_MAX_SECONDS);
  const outputDir = `${OUTPUT_DIR}/${execution.id}`;
  const limits = {
    cwd: "/workspace",
    timeoutMs,
    outputCapBytes: settings.EXEC_OUTPUT_MAX_BYTES,
    maxOutputEvents: settings.MAX_RUN_EVENTS,
    artifactMaxCount: settings.ARTIFACT_MAX_COUNT,
    artifactMaxBytes: settings.ARTIFACT_MAX_BYTES,
  };
  const { state } = readNotebookSettings(notebook.content);
  const runtime = block.runtime;
  let run: { events: AsyncIterable<RunEvent> } | undefined;
  let notes: string[] = [];
  try {
    if (runsInFreshProcess(state, block) || !isKernelRuntime(runtime)) {
      const command = blockCommand(runtime, block.index, block.code);
      run = sandbox.run({ ...limits, argv: command.argv, files: command.files, artifactsDir: `/workspace/${outputDir}` }, execution.id);
    } else {
      run = sandbox.execute({ ...limits, runtime, code: block.code, bundleCapBytes: settings.EXEC_DISPLAY_MAX_BYTES }, execution.id);
      notes = reloadNotes(runtime, changedFiles);
    }
    await stored;
  } catch (error) {
    if (!run) releaseSlot();
    else {
      // Nothing of this run could be kept: it stops now, and its slot is given back once it has.
      sandbox.cancel(execution.id);
      void drain(run.events).finally(releaseSlot);
    }
    throw error;
  }

  return {
    executionId: execution.id,
    events: releasing(executionEvents({ execution, session, sandbox, settings, outputDir, timeoutMs, runtime, notes, agentEvents: run.events }), releaseSlot),
    cancel: () => cancelRun(sandbox, execution.id),
  };
}

/** Reads a run's events to their end, for nobody. */
async function drain(events: AsyncIterable<unknown>): Promise<void> {
  try {
    for await (const event of events) void event;
  } catch {
    // the sandbox went away: the run is over too
  }
}

function isKernelRuntime(runtime: string): runtime is KernelRuntime {
  return (KERNEL_RUNTIMES as readonly string[]).includes(runtime);
}

/**
 * What a changed file block means for a kernel, said before the run's output. Python's kernel
 * runs IPython's autoreload on the workspace's modules (mode 1, each marked as it is imported),
 * so modules imported from a changed .py file are reloaded before the block runs; node's keeps
 * an ES module (.mjs) it has imported; the other kernels read files when the block does.
 */
function reloadNotes(runtime: KernelRuntime, changed: string[]): string[] {
  if (runtime === "node") {
    // Node cannot unload an ES module; require() reads CommonJS files afresh each block.
    const esm = changed.filter((path) => path.endsWith(".mjs"));
    if (esm.length === 0) return [];
    return [`[runnel] ${esm.join(", ")} changed; an ES module the node kernel has already imported keeps the version it first loaded (Node cannot unload it). Restart the node kernel to load the new one.\n`];
  }
  const modules = changed.filter((path) => path.endsWith(".py"));
  if (runtime !== "python" || modules.length === 0) return [];
  return [`[runnel] ${modules.join(", ")} changed; the python kernel reloads modules imported from ${modules.length === 1 ? "it" : "them"} before this block runs (IPython autoreload).\n`];
}

type EventContext = {
  execution: StartedExecution;
  session: Session;
  sandbox: Sandbox;
  settings: Settings;
  outputDir: string;
  timeoutMs: number;
  runtime: string;
  /** Notes from Runnel shown before the run's own output (stderr, stored with it). */
  notes: string[];
  agentEvents: AsyncIterable<RunEvent>;
};

/** The events, giving the run's slot back however the reader stops (finished, cancelled, gone). */
async function* releasing(events: AsyncIterable<StreamEvent>, release: () => void): AsyncGenerator<StreamEvent> {
  try {
    yield* events;
  } finally {
    release();
  }
}

async function* executionEvents(context: EventContext): AsyncGenerator<StreamEvent> {
  const { execution, sandbox, settings } = context;
  const output = new StoredOutput(settings.EXEC_OUTPUT_MAX_BYTES);
  const artifacts: Array<{ name: string; mime: string; bytes: number }> = [];
  let status: Execution["status"] = "error";
  let exitCode: number | null = null;
  let truncated = false;
  // The run's own time as its exit event gave it (what the reader saw), kept with the row so a
  // reload shows the same figure; without an exit, the server's time from start to end.
  let ranMs: number | undefined;
  let announced = 0;
  // From before the run was sent to the sandbox, so the server's time is never shorter than the run's.
  const started = execution.startedAt.getTime();

  yield { type: "start", executionId: execution.id, blockIndex: execution.blockIndex, blockId: execution.blockId };
  try {
    for (const note of context.notes) {
      const out = { type: "output", stream: "stderr", data: note } as const;
      output.add(out);
      yield out;
    }
    for await (const event of context.agentEvents) {
      if (event.type !== "input-request") inputPrompts().delete(execution.id);
      if (event.type === "output") {
        const out = { type: "output", stream: event.stream, data: event.data } as const;
        output.add(out);
        yield out;
      } else if (event.type === "display" || event.type === "display-update" || event.type === "clear-output" || event.type === "exception") {
        const rich = withoutRunId(event);
        output.add(rich);
        yield rich;
      } else if (event.type === "input-request") {
        inputPrompts().add(execution.id);
        yield { type: "input-request", prompt: event.prompt, password: event.password };
      } else if (event.type === "kernel") {
        yield { type: "kernel", runtime: event.runtime, state: event.state, ...(event.message ? { message: event.message } : {}) };
      } else if (event.type === "truncated") {
        truncated = true;
      } else if (event.type === "artifact") {
        announced++;
        const kept = keepArtifact(event.name, event.content);
        if ("skipped" in kept) {
          yield { type: "output", stream: "stderr", data: `[runnel] ${kept.note}
` };
        } else {
          await storeArtifact(settings.dataDir, execution.id, kept.name, kept.content);
          const artifact = { name: kept.name, mime: kept.mime, bytes: kept.content.length };
          artifacts.push(artifact);
          yield { type: "artifact", ...artifact, url: executionArtifactUrl(execution.id, kept.name) };
        }
      } else if (event.type === "artifact-skipped") {
        announced++;
        yield { type: "output", stream: "stderr", data: `[runnel] ${skippedArtifactNote(event)}\n` };
      } else if (event.type === "error") {
        yield { type: "error", message: event.message };
      } else if (event.type === "exit") {
        exitCode = exitCodeOf(event);
        // Never more than the server saw pass: the figure comes out of the sandbox.
        ranMs = Math.min(event.durationMs, Date.now() - started);
        truncated ||= event.truncated;
        status = statusOf(event, exitCode);
        // The reader is shown the figure that is stored, so a reload reads the same.
        const summary = { ...exitSummary(event, { timeoutMs: context.timeoutMs, memoryBytes: settings.SESSION_MEMORY }, truncated), durationMs: ranMs };
        if (event.cancelled && event.message === undefined && !takeCancelRequest(execution.id)) {
          // Nobody pressed Cancel and the agent gave no reason: the container is being stopped
          // (the engine stopping, or an operator).
          status = "error";
          yield { ...summary, cancelled: false, message: await sandboxLostReason() };
        } else yield summary;
      }
    }
  } catch (error) {
    status = "error";
    const message =
      error instanceof SandboxGoneError
        ? error.message === LINE_TOO_LONG
          ? LINE_TOO_LONG
          : await sandboxLostReason()
        : "The block could not be run.";
    if (!(error instanceof SandboxGoneError)) getLogger().error({ err: error, executionId: execution.id }, "run failed");
    yield { type: "error", message };
  } finally {
    takeCancelRequest(execution.id);
    inputPrompts().delete(execution.id);
    // The exit event is on its way to the reader; the database work waits for the event loop's
    // next turn, so it never holds that write back. The stream ends once the run is stored.
    await nextTurn();
    await storeFinishedExecution(execution, {
      status,
      exitCode,
      truncated: truncated || output.truncated,
      output: output.chunks,
      artifacts,
      finishedAt: new Date(),
      durationMs: ranMs ?? Date.now() - started,
    });
    recordRun({ executionId: execution.id, userId: execution.userId, notebookId: execution.notebookId, runtime: context.runtime, status, durationMs: Date.now() - started });
    // The agent removes an empty output folder itself; one that held files goes once they
    // are copied out, so old outputs don't fill the workspace.
    if (announced > 0) void sandbox.removeFiles([context.outputDir]).catch(() => undefined);
  }
}

type RichEvent = Extract<StreamEvent, { type: "display" | "display-update" | "clear-output" | "exception" }>;

/** A rich event as the stream carries it: the agent's run id is the connection's business. */
function withoutRunId(event: Extract<RunEvent, { type: RichEvent["type"] }>): RichEvent {
  const copy: Record<string, unknown> = { ...event };
  delete copy.id;
  return copy as RichEvent;
}

function statusOf(exit: ExitEvent, exitCode: number | null): Execution["status"] {
  if (exit.oomKilled) return "out_of_memory";
  if (exit.timedOut) return "timed_out";
  if (exit.cancelled) return "cancelled";
  return exitCode === 0 ? "succeeded" : "failed";
}

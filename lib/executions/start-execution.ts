import type { Execution, Prisma, Session } from "@prisma/client";
import { getSettings, type Settings } from "../config/settings";
import { LINE_TOO_LONG, SandboxGoneError, type RunEvent } from "../containers/agent-connection";
import type { ExitEvent } from "../containers/agent-protocol";
import type { Sandbox } from "../containers/backend";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { findNotebookFor } from "../auth/notebook-access";
import type { LinkTokenSource } from "../sharing/share-link-token";
import { parseNotebook } from "../notebook/parse-notebook";
import type { NotebookBlock } from "../notebook/types";
import { blockCommand } from "../runtimes/block-command";
import { CONTAINER_DIED, liveSandbox } from "../sessions/live-sandbox";
import { syncSessionFiles } from "../sessions/sync-session-files";
import { touchSession } from "../sessions/touch-session";
import { artifactMime, isSafeArtifactName, storeArtifact } from "./artifact-files";
import { blockTimeoutMs } from "./block-timeout";
import { exitCodeOf, exitMessage } from "./exit-message";
import { StoredOutput } from "./stored-output";
import type { StreamEvent } from "./stream-events";

export type StartExecutionOptions = {
  userId: string;
  sessionId: string;
  blockIndex: number;
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

function runnableBlock(blocks: NotebookBlock[], index: number): NotebookBlock & { runtime: NonNullable<NotebookBlock["runtime"]> } {
  const block = blocks[index];
  if (!block) throw new AppError("not_found", `The notebook has no block ${index}.`);
  if (block.kind !== "runnable") throw new AppError("unprocessable", `Block ${index} is a ${block.kind} block; only runnable blocks run.`);
  if (block.error || !block.runtime) throw new AppError("unprocessable", `Block ${index} cannot run: ${block.error ?? "it has no runtime"}`);
  return { ...block, runtime: block.runtime };
}

/**
 * Checks everything that can be refused before any output (unknown session, changed notebook,
 * a block that is not runnable, a dead container), then starts the block from the saved
 * notebook and returns its events. The execution is stored whatever happens.
 */
export async function startExecution(options: StartExecutionOptions): Promise<ExecutionHandle> {
  const prisma = getPrisma();
  const settings = getSettings();
  const session = await prisma.session.findFirst({ where: { id: options.sessionId, userId: options.userId } });
  if (!session) throw new AppError("not_found", "There is no such session.");
  // The session is the user's own, but their right to run may have gone since it started.
  const linkToken = options.linkTokens?.(session.notebookId) ?? null;
  const { notebook } = await findNotebookFor({ userId: options.userId, linkToken }, session.notebookId, "run");
  if (session.status === "ended") {
    throw new AppError("conflict", `This session has ended${session.endedReason ? `: ${session.endedReason}` : "."} Connect again to start a new one.`);
  }
  if (options.version !== undefined && options.version !== notebook.version) {
    throw new AppError("conflict", "The notebook has changed since you loaded it. Reload it before running this block.");
  }
  const blocks = parseNotebook(notebook.content);
  const block = runnableBlock(blocks, options.blockIndex);
  const sandbox = await liveSandbox(session);
  if (!sandbox) throw new AppError("conflict", CONTAINER_DIED);
  await syncSessionFiles(session, sandbox, blocks);

  const execution = await prisma.execution.create({
    data: { sessionId: session.id, notebookId: notebook.id, userId: options.userId, blockIndex: options.blockIndex },
  });
  await touchSession(session);

  const timeoutMs = blockTimeoutMs(block.attrs, settings.EXEC_TIMEOUT_SECONDS, settings.EXEC_TIMEOUT_MAX_SECONDS);
  const outputDir = `${OUTPUT_DIR}/${execution.id}`;
  const command = blockCommand(block.runtime, block.index, block.code);
  const run = sandbox.run(
    {
      argv: command.argv,
      files: command.files,
      cwd: "/workspace",
      env: { RUNNEL_OUTPUT: `/workspace/${outputDir}` },
      timeoutMs,
      outputCapBytes: settings.EXEC_OUTPUT_MAX_BYTES,
      artifactsDir: `/workspace/${outputDir}`,
      artifactMaxCount: settings.ARTIFACT_MAX_COUNT,
      artifactMaxBytes: settings.ARTIFACT_MAX_BYTES,
    },
    execution.id,
  );

  return {
    executionId: execution.id,
    events: executionEvents({ execution, session, sandbox, settings, outputDir, timeoutMs, agentEvents: run.events }),
    cancel: () => sandbox.cancel(execution.id),
  };
}

type EventContext = {
  execution: Execution;
  session: Session;
  sandbox: Sandbox;
  settings: Settings;
  outputDir: string;
  timeoutMs: number;
  agentEvents: AsyncIterable<RunEvent>;
};

async function* executionEvents(context: EventContext): AsyncGenerator<StreamEvent> {
  const { execution, sandbox, settings } = context;
  const output = new StoredOutput(settings.EXEC_OUTPUT_MAX_BYTES);
  const artifacts: Array<{ name: string; mime: string; bytes: number }> = [];
  let status: Execution["status"] = "error";
  let exitCode: number | null = null;
  let truncated = false;
  let announced = 0;
  const started = Date.now();

  yield { type: "start", executionId: execution.id, blockIndex: execution.blockIndex };
  try {
    for await (const event of context.agentEvents) {
      if (event.type === "output") {
        const out = { type: "output", stream: event.stream, data: event.data } as const;
        output.add(out);
        yield out;
      } else if (event.type === "truncated") {
        truncated = true;
      } else if (event.type === "artifact") {
        announced++;
        const kept = await keepArtifact(context, event.name, event.content);
        if (typeof kept === "string") {
          yield { type: "output", stream: "stderr", data: `[runnel] ${kept}\n` };
        } else {
          artifacts.push(kept);
          yield { type: "artifact", ...kept, url: `/api/executions/${execution.id}/artifacts/${encodeURIComponent(kept.name)}` };
        }
      } else if (event.type === "artifact-skipped") {
        announced++;
        const note = event.name ? `Skipped ${JSON.stringify(event.name)}: ${event.reason}.` : event.reason;
        yield { type: "output", stream: "stderr", data: `[runnel] ${note}\n` };
      } else if (event.type === "error") {
        yield { type: "error", message: event.message };
      } else if (event.type === "exit") {
        exitCode = exitCodeOf(event);
        truncated ||= event.truncated;
        status = statusOf(event, exitCode);
        const message = exitMessage(event, { timeoutMs: context.timeoutMs, memoryBytes: settings.SESSION_MEMORY });
        yield {
          type: "exit",
          exitCode,
          durationMs: event.durationMs,
          truncated,
          timedOut: event.timedOut,
          cancelled: event.cancelled,
          oomKilled: event.oomKilled,
          ...(message ? { message } : {}),
        };
      }
    }
  } catch (error) {
    status = "error";
    const message =
      error instanceof SandboxGoneError
        ? error.message === LINE_TOO_LONG
          ? LINE_TOO_LONG
          : CONTAINER_DIED
        : "The block could not be run.";
    if (!(error instanceof SandboxGoneError)) console.error("[executions] run failed", error);
    yield { type: "error", message };
  } finally {
    await getPrisma().execution.update({
      where: { id: execution.id },
      data: {
        status,
        exitCode,
        truncated: truncated || output.truncated,
        output: output.chunks as Prisma.InputJsonValue,
        artifacts: artifacts as Prisma.InputJsonValue,
        finishedAt: new Date(),
        durationMs: Date.now() - started,
      },
    });
    // The agent removes an empty output folder itself; one that held files goes once they
    // are copied out, so old outputs don't fill the workspace.
    if (announced > 0) void sandbox.removeFiles([context.outputDir]).catch(() => undefined);
  }
}

function statusOf(exit: ExitEvent, exitCode: number | null): Execution["status"] {
  if (exit.oomKilled) return "out_of_memory";
  if (exit.timedOut) return "timed_out";
  if (exit.cancelled) return "cancelled";
  return exitCode === 0 ? "succeeded" : "failed";
}

/** Stores one artifact the agent sent (it and the connection enforce the count and size caps); a string says why not. */
async function keepArtifact(context: EventContext, name: string, content: Buffer) {
  const { settings, execution } = context;
  if (!isSafeArtifactName(name)) return `Skipped an output file with an unusable name.`;
  await storeArtifact(settings.dataDir, execution.id, name, content);
  return { name, mime: artifactMime(name), bytes: content.length };
}

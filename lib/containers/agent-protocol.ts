import { z } from "zod";
import { KERNEL_RUNTIMES, type KernelRuntime } from "../notebook/run-mode";

export { KERNEL_RUNTIMES, type KernelRuntime };

// The line protocol between the server and runtime-image/runtime/agent/runnel-agent.py, the main
// process of every session container. One JSON object per line, each way. A run request with a
// fresh id always ends in exactly one `exit` event; `error` events never end a run on their own.

export const AGENT_PROTOCOL_VERSION = 1;

const id = z.string().min(1);

/** What shapes a program before it reads anything: a run's, and a standby's. */
const programFields = {
  /** An item `{source}` is replaced by the path (/dev/fd/N) of the pipe a run's `source` arrives on. */
  argv: z.array(z.string()).min(1),
  cwd: z.string().optional(),
  /** Merged over the agent's own environment. */
  env: z.record(z.string(), z.string()).optional(),
  /**
   * Created (mode 0700) before the run and exported to it as RUNNEL_OUTPUT (the one name of the output folder in every sandbox). After the
   * run the agent sends the regular files in it (no link followed anywhere on the way) as
   * `artifact-chunk` events closed by `artifact`, or an `artifact-skipped` note saying why not.
   */
  artifactsDir: z.string().optional(),
};

export const runRequestSchema = z.object({
  op: z.literal("run"),
  id,
  ...programFields,
  /**
   * The program's script, written to a pipe it holds open as its own file (argv names it as
   * `{source}`), then closed; stdin stays /dev/null. A program in standby with the same argv,
   * cwd, env and artifactsDir is taken instead of starting one; the timeout counts from then.
   */
  source: z.string().optional(),
  timeoutMs: z.number().int().positive(),
  outputCapBytes: z.number().int().nonnegative(),
  /** Written (relative to cwd, replacing what is there) just before the program starts. */
  files: z.array(z.object({ path: z.string().min(1), content: z.string() })).optional(),
  artifactMaxCount: z.number().int().nonnegative().optional(),
  artifactMaxBytes: z.number().int().nonnegative().optional(),
});

/**
 * Starts a program now, its source pipe open and empty, for the next run of the same shape to
 * take (an interpreter's start-up is then paid before the request). One waits at a time; a new
 * standby replaces it. Answered only by an `error` when it cannot start.
 */
export const standbyRequestSchema = z.object({ op: z.literal("standby"), id, ...programFields });

/** The languages that keep a kernel in the agent (go is compiled per block, so it has none). */
const kernelRuntime = z.enum(KERNEL_RUNTIMES);

/**
 * Runs code in the session's kernel of its language (started on first use; state carries from
 * run to run). Ends in one `exit` like a run; an `error` raised in the kernel is an `exception`
 * event and a non-zero exit. The kernel's output folder is exported to it as RUNNEL_OUTPUT;
 * files left there are sent after each run as for `run`, then removed.
 */
export const executeRequestSchema = z.object({
  op: z.literal("execute"),
  id,
  runtime: kernelRuntime,
  code: z.string(),
  cwd: z.string().optional(),
  timeoutMs: z.number().int().positive(),
  /** Bytes of output (stream text and rich output together) before the run is interrupted. */
  outputCapBytes: z.number().int().nonnegative(),
  /** Bytes one rich output (a MIME bundle) may have; a larger one is replaced by one marker. */
  bundleCapBytes: z.number().int().positive().optional(),
  artifactMaxCount: z.number().int().nonnegative().optional(),
  artifactMaxBytes: z.number().int().nonnegative().optional(),
});

/** Characters of code a completion request may carry (the agent's own bound). */
export const COMPLETE_CODE_MAX_CHARS = 256 * 1024;
export const COMPLETE_TIMEOUT_MAX_MS = 5000;

/**
 * Completion in the editor: Jupyter's complete_request, asked of the session's kernel of that
 * language only when it is running and idle (never started for it, never waited for while a
 * block runs), within timeoutMs (2 s unless given). `cursor` counts Unicode code points, as
 * Jupyter's cursor_pos does. Always answered by one `completions` event.
 */
export const completeRequestSchema = z.object({
  op: z.literal("complete"),
  id,
  runtime: kernelRuntime,
  code: z.string().max(COMPLETE_CODE_MAX_CHARS),
  cursor: z.number().int().nonnegative(),
  timeoutMs: z.number().int().positive().max(COMPLETE_TIMEOUT_MAX_MS).optional(),
});

export const agentRequestSchema = z.discriminatedUnion("op", [
  runRequestSchema,
  executeRequestSchema,
  standbyRequestSchema,
  z.object({ op: z.literal("cancel"), id }),
  z.object({ op: z.literal("ping"), id }),
  /** Answers an `input-request` of run `id`. */
  z.object({ op: z.literal("input"), id, value: z.string().max(1024 ** 2) }),
  /** Asks for `kernels`: the state of every kernel started in this session. */
  z.object({ op: z.literal("kernels"), id }),
  /** Kills a kernel (or, without runtime, every kernel) and starts it again; answered by `kernels`. */
  z.object({ op: z.literal("restart-kernels"), id, runtime: kernelRuntime.optional() }),
  /** Starts these kernels in the background unless running; answered by `kernels`. */
  z.object({ op: z.literal("warm-kernels"), id, runtimes: z.array(kernelRuntime).max(KERNEL_RUNTIMES.length) }),
  completeRequestSchema,
]);

export type AgentRequest = z.infer<typeof agentRequestSchema>;
export type RunRequest = z.infer<typeof runRequestSchema>;
export type StandbyRequest = z.infer<typeof standbyRequestSchema>;
export type ExecuteRequest = z.infer<typeof executeRequestSchema>;
export type CompleteRequest = z.infer<typeof completeRequestSchema>;

const count = z.number().int().nonnegative();

export const exitEventSchema = z.object({
  type: z.literal("exit"),
  id,
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  timedOut: z.boolean(),
  cancelled: z.boolean(),
  oomKilled: z.boolean(),
  truncated: z.boolean(),
  durationMs: count,
  /** A kernel run's sentence about its kernel (interrupted and alive, killed, died). */
  message: z.string().max(2000).optional(),
});

const kernelState = z.enum(["starting", "idle", "busy", "dead", "restarting"]);
const jsonObject = z.record(z.string(), z.unknown());
/** MIME type → content; the agent keeps text types as strings, JSON types (application/json, +json) as any JSON. */
const mimeBundle = z.record(z.string().min(1).max(200), z.unknown());

export const kernelInfoSchema = z.object({
  runtime: kernelRuntime,
  state: kernelState,
  startedAt: z.iso.datetime().nullable(),
});
export type KernelInfo = z.infer<typeof kernelInfoSchema>;

/**
 * Why a completion came back as it did: "ok" (the kernel answered), "no-kernel" (none running:
 * none is started for it), "busy" (a block runs in it), "timeout", "invalid" (the reply was
 * malformed or too large, and was dropped), "unsupported" (this kernel does not complete).
 */
export const COMPLETION_STATUSES = ["ok", "no-kernel", "busy", "timeout", "invalid", "unsupported"] as const;
export const COMPLETE_MAX_MATCHES = 200;

/** The agent keeps at most 200 matches of at most 200 characters, none with control characters. */
export const completionsSchema = z.object({
  status: z.enum(COMPLETION_STATUSES),
  matches: z
    .array(z.object({ text: z.string().min(1).max(200), type: z.string().min(1).max(24).optional() }))
    .max(COMPLETE_MAX_MATCHES),
  /** The span of code the matches replace, in code points. */
  cursorStart: z.number().int().nonnegative(),
  cursorEnd: z.number().int().nonnegative(),
});
export type Completions = z.infer<typeof completionsSchema>;

export const agentEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready"), version: z.number().int(), pid: count }),
  z.object({ type: z.literal("pong"), id }),
  z.object({ type: z.literal("started"), id, pid: count }),
  z.object({ type: z.literal("output"), id, stream: z.enum(["stdout", "stderr"]), data: z.string() }),
  z.object({ type: z.literal("truncated"), id }),
  z.object({ type: z.literal("artifact-chunk"), id, name: z.string().min(1), data: z.base64() }),
  z.object({ type: z.literal("artifact"), id, name: z.string().min(1), bytes: count }),
  z.object({ type: z.literal("artifact-skipped"), id, name: z.string(), reason: z.string() }),
  exitEventSchema,
  z.object({ type: z.literal("error"), id: id.nullable(), message: z.string() }),
  z.object({ type: z.literal("display"), id, displayId: z.string().max(200).nullable(), data: mimeBundle, metadata: jsonObject }),
  z.object({ type: z.literal("display-update"), id, displayId: z.string().min(1).max(200), data: mimeBundle, metadata: jsonObject }),
  z.object({ type: z.literal("clear-output"), id, wait: z.boolean() }),
  z.object({ type: z.literal("exception"), id, ename: z.string(), evalue: z.string(), traceback: z.array(z.string()) }),
  z.object({ type: z.literal("input-request"), id, prompt: z.string(), password: z.boolean() }),
  z.object({ type: z.literal("kernel"), id, runtime: kernelRuntime, state: kernelState, message: z.string().max(2000).optional() }),
  z.object({ type: z.literal("kernels"), id, kernels: z.array(kernelInfoSchema).max(KERNEL_RUNTIMES.length) }),
  completionsSchema.extend({ type: z.literal("completions"), id }),
]);

export type AgentEvent = z.infer<typeof agentEventSchema>;
export type ExitEvent = z.infer<typeof exitEventSchema>;

export class AgentProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AgentProtocolError";
  }
}

/** One request as a line for the agent's stdin. Throws a ZodError for an invalid request. */
export function encodeRequest(request: AgentRequest): string {
  return `${JSON.stringify(agentRequestSchema.parse(request))}\n`;
}

/** Parses one line of the agent's stdout (with or without its newline). */
export function parseAgentLine(line: string): AgentEvent {
  const text = line.replace(/\r?\n$/, "");
  // Quoted in errors, so a runaway line cannot flood the logs.
  const excerpt = JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AgentProtocolError(`The agent sent a line that is not JSON: ${excerpt}`);
  }
  const result = agentEventSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    throw new AgentProtocolError(
      `The agent sent an invalid event${where} (${issue?.message ?? "unknown problem"}): ${excerpt}`,
    );
  }
  return result.data;
}

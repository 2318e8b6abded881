import { z } from "zod";

// The line protocol between the server and runtime-image/runtime/agent/runnel-agent.py, the main
// process of every session container. One JSON object per line, each way. A run request with a
// fresh id always ends in exactly one `exit` event; `error` events never end a run on their own.

export const AGENT_PROTOCOL_VERSION = 1;

const id = z.string().min(1);

export const runRequestSchema = z.object({
  op: z.literal("run"),
  id,
  argv: z.array(z.string()).min(1),
  cwd: z.string().optional(),
  /** Merged over the agent's own environment. */
  env: z.record(z.string(), z.string()).optional(),
  timeoutMs: z.number().int().positive(),
  outputCapBytes: z.number().int().nonnegative(),
  /** Written (relative to cwd, replacing what is there) just before the program starts. */
  files: z.array(z.object({ path: z.string().min(1), content: z.string() })).optional(),
  /**
   * Created (mode 0700) before the run and exported to it as RUNNEL_OUTPUT (the one name of the output folder in every sandbox). After the
   * run the agent sends the regular files in it (no link followed anywhere on the way) as
   * `artifact-chunk` events closed by `artifact`, or an `artifact-skipped` note saying why not.
   */
  artifactsDir: z.string().optional(),
  artifactMaxCount: z.number().int().nonnegative().optional(),
  artifactMaxBytes: z.number().int().nonnegative().optional(),
});

export const agentRequestSchema = z.discriminatedUnion("op", [
  runRequestSchema,
  z.object({ op: z.literal("cancel"), id }),
  z.object({ op: z.literal("ping"), id }),
]);

export type AgentRequest = z.infer<typeof agentRequestSchema>;
export type RunRequest = z.infer<typeof runRequestSchema>;

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
});

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

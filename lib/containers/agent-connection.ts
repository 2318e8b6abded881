import { randomUUID } from "node:crypto";
import type { Readable, Writable } from "node:stream";
import {
  AgentProtocolError,
  encodeRequest,
  parseAgentLine,
  type AgentEvent,
  type AgentRequest,
  type CompleteRequest,
  type Completions,
  type ExecuteRequest,
  type KernelInfo,
  type KernelRuntime,
  type RunRequest,
  type StandbyRequest,
} from "./agent-protocol";
import { readAgentLines } from "./agent-line-reader";
import { EventQueue } from "./event-queue";
import { describeByteSize } from "../config/byte-size";
import { getLogger } from "../observability/logger";

/**
 * Everything the agent reports about one run; the last item is always `exit`. An artifact
 * arrives whole (its chunks assembled here, within the request's byte cap).
 */
export type RunEvent =
  | Exclude<AgentEvent, { type: "ready" | "pong" | "kernels" | "completions" | "artifact" | "artifact-chunk" }>
  | { type: "artifact"; id: string; name: string; content: Buffer };
/** What the server bounds itself, whatever the agent does; never sent to the agent. */
type ServerRunLimits = {
  /** Output events (a piece of text, a display, an update, a clear) before the run is stopped. */
  maxOutputEvents?: number;
};
export type RunSpec = Omit<RunRequest, "op" | "id"> & ServerRunLimits;
export type ExecuteSpec = Omit<ExecuteRequest, "op" | "id"> & ServerRunLimits;
export type StandbySpec = Omit<StandbyRequest, "op" | "id">;
export type CompleteSpec = Omit<CompleteRequest, "op" | "id">;

const COMPLETE_TIMEOUT_MS = 2000;
/** Past the agent's own bound, the server stops waiting too (an agent that never answers). */
const COMPLETE_SLACK_MS = 1000;

/** What replaces a rich output larger than its cap: one marker, as text. */
export function oversizeMarker(bytes: number, capBytes: number): Record<string, string> {
  return {
    "text/plain": `[runnel] An output of ${describeByteSize(bytes)} was left out: one output may be at most ${describeByteSize(capBytes)} (EXEC_DISPLAY_MAX_BYTES).`,
  };
}

export class SandboxGoneError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "SandboxGoneError";
  }
}

const READY_TIMEOUT_MS = 15_000;
/** No event the agent sends honestly comes near this: its output events carry ≤ 64 KiB of text. */
export const MAX_AGENT_LINE_BYTES = 1024 ** 2;
export const LINE_TOO_LONG =
  "The sandbox sent more than 1 MiB without a line break, which its agent never does; the session was ended to protect the server. Connect again to start a fresh one.";
// Events queued for one run before the stream from the sandbox is paused (and resumed below LOW).
const QUEUE_HIGH = 256;
const QUEUE_LOW = 64;

const DEFAULT_ARTIFACT_COUNT = 20;
const DEFAULT_ARTIFACT_BYTES = 10 * 1024 ** 2;
const DEFAULT_BUNDLE_BYTES = 512 * 1024;
const DEFAULT_MAX_OUTPUT_EVENTS = 100_000;
const OUTPUT_EVENTS = new Set<string>(["output", "display", "display-update", "clear-output", "exception"]);

/** Why a run was stopped past its output events (MAX_RUN_EVENTS), as its exit says it. */
export function tooManyEventsMessage(maxEvents: number): string {
  return `The block wrote its output in more than ${maxEvents.toLocaleString("en-US")} pieces (MAX_RUN_EVENTS) and was stopped; print whole lines, or less often.`;
}

/** Queued pieces of one stream of one run are one piece: a reader that is behind reads them at once. */
function joinOutput(last: RunEvent, next: RunEvent): RunEvent | undefined {
  if (last.type !== "output" || next.type !== "output" || last.stream !== next.stream || last.id !== next.id) return undefined;
  return { ...last, data: last.data + next.data };
}

type OpenRun = {
  id: string;
  queue: EventQueue<RunEvent>;
  capBytes: number;
  bundleCapBytes: number;
  outputBytes: number;
  truncated: boolean;
  outputEvents: number;
  maxOutputEvents: number;
  /** Stopped past maxOutputEvents: the rest of its output is dropped. */
  tooManyEvents: boolean;
  artifacts: { maxCount: number; maxBytes: number; kept: number };
  /** The artifact whose chunks are arriving; the agent sends one file at a time. */
  receiving?: { name: string; parts: Buffer[]; bytes: number; tooBig: boolean };
};

/**
 * The server's side of one attached stream to a sandbox's agent: many runs multiplexed over
 * it, events routed to each run by id. When the stream ends, every open run fails with
 * SandboxGoneError and `closed` resolves with the reason.
 */
export class AgentConnection {
  private readonly runs = new Map<string, OpenRun>();
  private readonly full = new Set<EventQueue<RunEvent>>();
  private readonly pings = new Map<string, () => void>();
  private readonly kernelReplies = new Map<string, (kernels: KernelInfo[]) => void>();
  private readonly completionReplies = new Map<string, (completions: Completions) => void>();
  private readonly readyWaiters: Array<() => void> = [];
  private isReady = false;
  private gone: SandboxGoneError | undefined;
  private resolveClosed!: (error: SandboxGoneError) => void;
  readonly closed = new Promise<SandboxGoneError>((resolve) => (this.resolveClosed = resolve));

  constructor(
    private readonly input: Writable,
    private readonly output: Readable,
    private readonly log: (message: string) => void = (message) => getLogger().warn({ component: "agent" }, message),
  ) {
    readAgentLines(output, {
      maxLineBytes: MAX_AGENT_LINE_BYTES,
      onLine: (line) => this.receive(line),
      onTooLong: () => this.close(LINE_TOO_LONG),
      onEnd: () => this.close("The sandbox's agent stopped."),
    });
    output.on("error", (error) => this.close(`The stream to the sandbox failed: ${error.message}`));
    input.on("error", (error) => this.close(`The stream to the sandbox failed: ${error.message}`));
  }

  get alive(): boolean {
    return this.gone === undefined;
  }

  /** Resolves once the agent has said `ready` (a fresh container) or answered a ping (re-attached). */
  async waitUntilReady(timeoutMs = READY_TIMEOUT_MS): Promise<void> {
    if (this.isReady) return;
    await this.withTimeout(
      new Promise<void>((resolve) => this.readyWaiters.push(resolve)),
      timeoutMs,
      `The sandbox's agent did not start within ${timeoutMs} ms.`,
    );
  }

  async ping(timeoutMs = 5000): Promise<void> {
    const id = randomUUID();
    const answered = new Promise<void>((resolve) => this.pings.set(id, resolve));
    this.send({ op: "ping", id });
    try {
      await this.withTimeout(answered, timeoutMs, `The sandbox's agent did not answer within ${timeoutMs} ms.`);
    } finally {
      this.pings.delete(id);
    }
    this.markReady();
  }

  /** Starts a run and returns its events; iterate them to the `exit` event. */
  run(spec: RunSpec, id: string = randomUUID()): { id: string; events: AsyncIterable<RunEvent> } {
    const events = this.open(id, spec);
    this.send({ op: "run", id, ...agentFields(spec) });
    return { id, events };
  }

  /** Runs code in the session's kernel of its language; events as for run(). */
  execute(spec: ExecuteSpec, id: string = randomUUID()): { id: string; events: AsyncIterable<RunEvent> } {
    const events = this.open(id, spec);
    this.send({ op: "execute", id, ...agentFields(spec) });
    return { id, events };
  }

  /** Answers the run's waiting prompt (input(), readline()). */
  sendInput(id: string, value: string): void {
    if (this.runs.has(id)) this.send({ op: "input", id, value });
  }

  /** The state of each kernel the session has started. */
  kernels(timeoutMs = 5000): Promise<KernelInfo[]> {
    return this.askKernels({ op: "kernels", id: randomUUID() }, timeoutMs);
  }

  /** Kills and restarts one kernel, or all of them; resolves with their states as the restart begins. */
  restartKernels(runtime?: KernelRuntime, timeoutMs = 5000): Promise<KernelInfo[]> {
    return this.askKernels({ op: "restart-kernels", id: randomUUID(), ...(runtime ? { runtime } : {}) }, timeoutMs);
  }

  /** Starts kernels in the background so a first run need not wait for one; nothing to wait for. */
  warmKernels(runtimes: KernelRuntime[]): void {
    if (runtimes.length > 0 && !this.gone) this.send({ op: "warm-kernels", id: randomUUID(), runtimes });
  }

  /** Starts a program for the next run of its shape to take (see `standby` in the protocol). */
  standby(spec: StandbySpec): void {
    if (!this.gone) this.send({ op: "standby", id: randomUUID(), ...spec });
  }

  /**
   * Asks the running kernel of a language to complete code at cursor. Never rejects: no kernel,
   * a busy one, no answer in time or a gone sandbox are an empty answer with that status.
   */
  async complete(spec: CompleteSpec): Promise<Completions> {
    const id = randomUUID();
    const empty = (status: Completions["status"]): Completions => ({ status, matches: [], cursorStart: spec.cursor, cursorEnd: spec.cursor });
    if (this.gone) return empty("no-kernel");
    const answered = new Promise<Completions>((resolve) => this.completionReplies.set(id, resolve));
    try {
      this.send({ op: "complete", id, ...spec });
      const waitMs = (spec.timeoutMs ?? COMPLETE_TIMEOUT_MS) + COMPLETE_SLACK_MS;
      return await this.withTimeout(answered, waitMs, "The sandbox's agent did not answer a completion in time.");
    } catch {
      return empty(this.gone ? "no-kernel" : "timeout");
    } finally {
      this.completionReplies.delete(id);
    }
  }

  private async askKernels(request: Extract<AgentRequest, { op: "kernels" | "restart-kernels" }>, timeoutMs: number): Promise<KernelInfo[]> {
    const answered = new Promise<KernelInfo[]>((resolve) => this.kernelReplies.set(request.id, resolve));
    this.send(request);
    try {
      return await this.withTimeout(answered, timeoutMs, `The sandbox's agent did not answer within ${timeoutMs} ms.`);
    } finally {
      this.kernelReplies.delete(request.id);
    }
  }

  private open(id: string, spec: RunSpec | ExecuteSpec): EventQueue<RunEvent> {
    if (this.gone) throw this.gone;
    const queue: EventQueue<RunEvent> = new EventQueue(() => this.taken(queue), joinOutput);
    this.runs.set(id, {
      id,
      queue,
      capBytes: spec.outputCapBytes,
      bundleCapBytes: ("bundleCapBytes" in spec ? spec.bundleCapBytes : undefined) ?? DEFAULT_BUNDLE_BYTES,
      outputBytes: 0,
      truncated: false,
      outputEvents: 0,
      maxOutputEvents: spec.maxOutputEvents ?? DEFAULT_MAX_OUTPUT_EVENTS,
      tooManyEvents: false,
      artifacts: {
        maxCount: spec.artifactMaxCount ?? DEFAULT_ARTIFACT_COUNT,
        maxBytes: spec.artifactMaxBytes ?? DEFAULT_ARTIFACT_BYTES,
        kept: 0,
      },
    });
    return queue;
  }

  cancel(id: string): void {
    if (this.runs.has(id)) this.send({ op: "cancel", id });
  }

  close(reason = "The sandbox connection was closed."): void {
    if (this.gone) return;
    this.gone = new SandboxGoneError(reason);
    for (const { queue } of this.runs.values()) queue.fail(this.gone);
    this.runs.clear();
    this.full.clear();
    this.output.resume();
    this.input.end();
    this.resolveClosed(this.gone);
  }

  private send(request: Parameters<typeof encodeRequest>[0]): void {
    if (this.gone) throw this.gone;
    this.input.write(encodeRequest(request));
  }

  private markReady(): void {
    this.isReady = true;
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }

  private receive(line: string): void {
    if (!line.trim()) return;
    let event: AgentEvent;
    try {
      event = parseAgentLine(line);
    } catch (error) {
      this.log(error instanceof AgentProtocolError ? error.message : String(error));
      return;
    }
    switch (event.type) {
      case "ready":
        this.markReady();
        return;
      case "pong":
        this.pings.get(event.id)?.();
        return;
      case "kernels":
        this.kernelReplies.get(event.id)?.(event.kernels);
        return;
      case "completions": {
        const { status, matches, cursorStart, cursorEnd } = event;
        this.completionReplies.get(event.id)?.({ status, matches, cursorStart, cursorEnd });
        return;
      }
      default: {
        if (event.id === null) {
          this.log(`agent error: ${event.type === "error" ? event.message : event.type}`);
          return;
        }
        const run = this.runs.get(event.id);
        if (!run) return;
        this.deliver(run, event);
        if (event.type === "exit") {
          this.runs.delete(event.id);
          run.queue.end();
          this.taken(run.queue);
        } else if (run.queue.size >= QUEUE_HIGH && !this.full.has(run.queue)) {
          this.full.add(run.queue);
          this.output.pause();
        }
      }
    }
  }

  /** Counts output and artifacts against the run's caps here too, whatever the agent says it sent. */
  private deliver(run: OpenRun, event: Exclude<AgentEvent, { type: "ready" | "pong" | "kernels" | "completions" }>): void {
    if (OUTPUT_EVENTS.has(event.type)) {
      if (run.tooManyEvents) return;
      if (++run.outputEvents > run.maxOutputEvents) return this.stopForTooManyEvents(run);
    }
    if (event.type === "exit" && run.tooManyEvents) {
      // Stopped here, not cancelled by anyone: the exit says why (a kernel's own sentence after).
      const message = [tooManyEventsMessage(run.maxOutputEvents), event.message].filter(Boolean).join(" ");
      return run.queue.push({ ...event, cancelled: false, truncated: true, message });
    }
    if (event.type === "artifact-chunk") return this.receiveChunk(run, event.name, event.data);
    if (event.type === "display" || event.type === "display-update" || event.type === "exception") {
      return this.receiveRich(run, event);
    }
    if (event.type === "artifact") return this.receiveArtifact(run, event.name, event.bytes);
    if (event.type === "output") {
      if (run.truncated) return;
      const room = run.capBytes - run.outputBytes;
      const bytes = Buffer.byteLength(event.data);
      if (bytes > room) {
        const kept = Buffer.from(event.data).subarray(0, room).toString("utf8").replace(/\uFFFD$/, "");
        run.outputBytes = run.capBytes;
        if (kept) run.queue.push({ ...event, data: kept });
        this.markTruncated(run);
        return;
      }
      run.outputBytes += bytes;
    } else if (event.type === "truncated") {
      if (run.truncated) return;
      return this.markTruncated(run);
    } else if (event.type === "exit" && run.truncated) {
      return run.queue.push({ ...event, truncated: true });
    }
    run.queue.push(event);
  }

  /** Rich output counts against the run's cap as its JSON's bytes; one too large for its own cap is a marker. */
  private receiveRich(run: OpenRun, event: Extract<RunEvent, { type: "display" | "display-update" | "exception" }>): void {
    if (run.truncated) return;
    const bytes = Buffer.byteLength(JSON.stringify(event));
    let kept: RunEvent = event;
    let counted = bytes;
    if (bytes > run.bundleCapBytes && event.type !== "exception") {
      kept = { ...event, data: oversizeMarker(bytes, run.bundleCapBytes), metadata: {} };
      counted = 200;
    }
    if (run.outputBytes + counted > run.capBytes) {
      run.outputBytes = run.capBytes;
      return this.markTruncated(run);
    }
    run.outputBytes += counted;
    run.queue.push(kept);
  }

  private receiveChunk(run: OpenRun, name: string, data: string): void {
    if (run.receiving?.name !== name) run.receiving = { name, parts: [], bytes: 0, tooBig: false };
    const file = run.receiving;
    if (file.tooBig) return;
    const bytes = Buffer.from(data, "base64");
    file.bytes += bytes.length;
    if (file.bytes > run.artifacts.maxBytes) {
      file.tooBig = true;
      file.parts = [];
    } else {
      file.parts.push(bytes);
    }
  }

  private receiveArtifact(run: OpenRun, name: string, bytes: number): void {
    const file = run.receiving?.name === name ? run.receiving : { name, parts: [], bytes: 0, tooBig: false };
    run.receiving = undefined;
    const skip = (reason: string) => run.queue.push({ type: "artifact-skipped", id: run.id, name, reason });
    if (file.tooBig || bytes > run.artifacts.maxBytes) return skip(`it is larger than ${run.artifacts.maxBytes} bytes`);
    if (file.bytes !== bytes) return skip("it did not arrive whole");
    if (run.artifacts.kept >= run.artifacts.maxCount) return skip(`only ${run.artifacts.maxCount} output files are kept`);
    run.artifacts.kept++;
    run.queue.push({ type: "artifact", id: run.id, name, content: Buffer.concat(file.parts) });
  }

  /** One byte flushed at a time stays within the byte cap while costing an event each: past the bound the run stops. */
  private stopForTooManyEvents(run: OpenRun): void {
    run.tooManyEvents = true;
    if (!run.truncated) this.markTruncated(run);
    if (!this.gone) this.send({ op: "cancel", id: run.id });
  }

  private markTruncated(run: OpenRun): void {
    run.truncated = true;
    run.queue.push({ type: "truncated", id: run.id });
  }

  private taken(queue: EventQueue<RunEvent>): void {
    if (queue.size > QUEUE_LOW || !this.full.delete(queue)) return;
    if (this.full.size === 0 && !this.gone) this.output.resume();
  }

  private async withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SandboxGoneError(message)), ms);
    });
    const gone = this.closed.then((error) => Promise.reject(error));
    gone.catch(() => undefined); // only the race below cares; don't leave it unhandled
    try {
      return await Promise.race([promise, timeout, gone]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A spec as the agent reads it: without the bounds the server keeps itself. */
function agentFields<Spec extends ServerRunLimits>(spec: Spec): Omit<Spec, keyof ServerRunLimits> {
  const fields: Spec = { ...spec };
  delete fields.maxOutputEvents;
  return fields;
}

import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import {
  AgentProtocolError,
  encodeRequest,
  parseAgentLine,
  type AgentEvent,
  type RunRequest,
} from "./agent-protocol";
import { EventQueue } from "./event-queue";

/** Everything the agent reports about one run; the last item is always `exit`. */
export type RunEvent = Exclude<AgentEvent, { type: "ready" | "pong" }>;
export type RunSpec = Omit<RunRequest, "op" | "id">;

export class SandboxGoneError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "SandboxGoneError";
  }
}

const READY_TIMEOUT_MS = 15_000;

/**
 * The server's side of one attached stream to a sandbox's agent: many runs multiplexed over
 * it, events routed to each run by id. When the stream ends, every open run fails with
 * SandboxGoneError and `closed` resolves with the reason.
 */
export class AgentConnection {
  private readonly runs = new Map<string, EventQueue<RunEvent>>();
  private readonly pings = new Map<string, () => void>();
  private readonly readyWaiters: Array<() => void> = [];
  private isReady = false;
  private gone: SandboxGoneError | undefined;
  private resolveClosed!: (error: SandboxGoneError) => void;
  readonly closed = new Promise<SandboxGoneError>((resolve) => (this.resolveClosed = resolve));

  constructor(
    private readonly input: Writable,
    output: Readable,
    private readonly log: (message: string) => void = (message) => console.warn(`[agent] ${message}`),
  ) {
    const lines = createInterface({ input: output, crlfDelay: Infinity });
    lines.on("line", (line) => this.receive(line));
    lines.on("close", () => this.close("The sandbox's agent stopped."));
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
    if (this.gone) throw this.gone;
    const queue = new EventQueue<RunEvent>();
    this.runs.set(id, queue);
    this.send({ op: "run", id, ...spec });
    return { id, events: queue };
  }

  cancel(id: string): void {
    if (this.runs.has(id)) this.send({ op: "cancel", id });
  }

  close(reason = "The sandbox connection was closed."): void {
    if (this.gone) return;
    this.gone = new SandboxGoneError(reason);
    for (const queue of this.runs.values()) queue.fail(this.gone);
    this.runs.clear();
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
      default: {
        if (event.id === null) {
          this.log(`agent error: ${event.type === "error" ? event.message : event.type}`);
          return;
        }
        const queue = this.runs.get(event.id);
        if (!queue) return;
        queue.push(event);
        if (event.type === "exit") {
          this.runs.delete(event.id);
          queue.end();
        }
      }
    }
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

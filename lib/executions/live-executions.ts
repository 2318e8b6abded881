import type { ExecutionHandle } from "./start-execution";
import type { StreamEvent } from "./stream-events";
import { getLogger } from "../observability/logger";

// A finished run stays here a while, so a page that reloads as it ends still reads it to the end.
const KEEP_FINISHED_MS = 120_000;

/**
 * One run's events as the server saw them, kept while it runs. The agent caps a run's output at
 * EXEC_OUTPUT_MAX_BYTES, so what is kept is bounded by that cap and the artifact count.
 */
class LiveExecution {
  readonly events: StreamEvent[] = [];
  done = false;
  private waiters: Array<() => void> = [];

  push(event: StreamEvent): void {
    this.events.push(event);
    this.wake();
  }

  finish(): void {
    this.done = true;
    this.wake();
  }

  async *from(offset: number): AsyncGenerator<StreamEvent> {
    let next = offset;
    for (;;) {
      while (next < this.events.length) yield this.events[next++]!;
      if (this.done) return;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

// On globalThis because Next may load this module more than once in one process.
const key = Symbol.for("runnel.liveExecutions");
type WithLive = typeof globalThis & { [key]?: Map<string, LiveExecution> };

function registry(): Map<string, LiveExecution> {
  const store = globalThis as WithLive;
  store[key] ??= new Map();
  return store[key];
}

/**
 * Reads the run to its end whoever watches: a page that closes or reloads does not stop it (only
 * cancel and the block's timeout do), and its events can be read again from any offset.
 */
export function keepRunning(handle: ExecutionHandle): LiveExecution {
  const live = new LiveExecution();
  registry().set(handle.executionId, live);
  void (async () => {
    try {
      for await (const event of handle.events) live.push(event);
    } catch (error) {
      // The events record their own failures; this is a last guard so a run always ends.
      getLogger().error({ err: error, executionId: handle.executionId }, "reading a run failed");
      live.push({ type: "error", message: "The block could not be run." });
    } finally {
      live.finish();
      setTimeout(() => registry().delete(handle.executionId), KEEP_FINISHED_MS).unref?.();
    }
  })();
  return live;
}

/** The run's events from `offset` (0 is its start event), or undefined when this server holds no such run. */
export function liveEvents(executionId: string, offset: number): AsyncIterable<StreamEvent> | undefined {
  return registry().get(executionId)?.from(offset);
}

import type { BlockName } from "./stream-events";

/** A stale chain: who started it, in which session, and the blocks it runs before its target. */
export type ChainRecord = {
  executionId: string;
  userId: string;
  sessionId: string;
  blocks: BlockName[];
  target: BlockName;
};

// Kept as long as a finished run's events are (live-executions.ts), so a stream cut as the chain
// ends is still picked up to its end.
const KEEP_FINISHED_MS = 120_000;

// On globalThis because Next may load this module more than once in one process (as live-executions).
const key = Symbol.for("runnel.sessionChains");
type Entry = ChainRecord & { done: boolean };
type WithChains = typeof globalThis & { [key]?: Map<string, Entry> };

function registry(): Map<string, Entry> {
  const store = globalThis as WithChains;
  store[key] ??= new Map();
  return store[key];
}

export function chainStarted(chain: ChainRecord): void {
  registry().set(chain.executionId, { ...chain, done: false });
}

export function chainEnded(chain: ChainRecord): void {
  const entry = registry().get(chain.executionId);
  if (entry) entry.done = true;
  setTimeout(() => registry().delete(chain.executionId), KEEP_FINISHED_MS).unref?.();
}

/** The session's chain in flight (the newest, should there be two): what a reloaded page follows. */
export function sessionChain(sessionId: string): ChainRecord | undefined {
  let found: Entry | undefined;
  for (const entry of registry().values()) if (entry.sessionId === sessionId && !entry.done) found = entry;
  if (!found) return undefined;
  return { executionId: found.executionId, userId: found.userId, sessionId: found.sessionId, blocks: found.blocks, target: found.target };
}

/** The chain with this id, when it is the user's own (in flight, or ended a moment ago). */
export function usersChain(userId: string, executionId: string): ChainRecord | undefined {
  const entry = registry().get(executionId);
  return entry?.userId === userId ? entry : undefined;
}

import type { StreamEvent } from "@/lib/executions/stream-events";
import { ApiError, apiRequest, messageOf, readApiError } from "./api-request";
import { readLineBatches } from "./ndjson-lines";
import { isOutputEvent } from "@/lib/executions/apply-output-event";
import { blockKey } from "@/lib/notebook/find-block";
import { codeFingerprint } from "@/lib/notebook/code-fingerprint";
import { parseNotebook } from "@/lib/notebook/parse-notebook";
import type { KernelView } from "@/lib/sessions/kernel-state";
import { useRunStore, type BlockRun } from "./run-store";

/** A block of the saved notebook: by its id, or by its index while it has none (saved before ids). */
export type RunTarget = { id: string | null; index: number; code?: string };

type SessionReply = { session: { id: string; status: string; expiresAt?: string; kernels?: KernelView[] } };

export type SessionSummary = SessionReply["session"];

/**
 * Shows the session the server found when it drew the page (null: none yet; the first Run
 * starts one). The page asks for nothing the reader may not have, so no 404 is logged.
 */
export function adoptSession(session: SessionSummary | null): void {
  useRunStore
    .getState()
    .setSession(session?.status === "ready" ? { status: "ready", id: session.id, expiresAt: session.expiresAt, kernels: session.kernels ?? [] } : { status: "none" });
}

/** Finds the reader's running session for this notebook, if any, without starting one. */
export async function loadSession(notebookId: string): Promise<void> {
  const { setSession } = useRunStore.getState();
  try {
    const { session } = await apiRequest<SessionReply>("GET", `/api/notebooks/${notebookId}/session`);
    if (useRunStore.getState().notebookId !== notebookId) return;
    setSession(session.status === "ready" ? { status: "ready", id: session.id, expiresAt: session.expiresAt, kernels: session.kernels ?? [] } : { status: "none" });
  } catch (error) {
    // 404: no session yet; the first Run starts one. One this page was using has ended.
    if (error instanceof ApiError && error.status === 404 && useRunStore.getState().session.status === "ready") {
      setSession({ status: "ended" });
    }
  }
}

/**
 * Asks for the page's session again by its id: its kernels' states now (one that died or
 * restarted while idle shows so without a run), or that it has ended meanwhile. An ended session
 * is still answered (200), so polling never logs a 404. A failed poll changes nothing.
 */
export async function refreshSession(notebookId: string): Promise<void> {
  const { session } = useRunStore.getState();
  if (session.status !== "ready" || !session.id) return;
  const id = session.id;
  let reply: SessionReply;
  try {
    reply = await apiRequest<SessionReply>("GET", `/api/sessions/${encodeURIComponent(id)}`);
  } catch {
    return;
  }
  const now = useRunStore.getState();
  if (now.notebookId !== notebookId || now.session.status !== "ready" || now.session.id !== id) return;
  if (reply.session.status === "ended") return now.setSession({ status: "ended" });
  const kernels = reply.session.kernels ?? [];
  // A kernel that restarted (or died) since the page last saw it holds nothing of the runs before.
  for (const kernel of kernels) {
    const before = now.session.kernels?.find((known) => known.runtime === kernel.runtime);
    if (before && (before.startedAt !== kernel.startedAt || (kernel.state === "dead" && before.state !== "dead"))) now.kernelRestarted(kernel.runtime);
  }
  now.setSession({ status: "ready", id, expiresAt: reply.session.expiresAt, kernels });
}

/** Starts the reader's session for this notebook (or finds the running one). */
export async function connect(notebookId: string): Promise<void> {
  await ensureSession(notebookId).catch(() => undefined);
}

async function ensureSession(notebookId: string): Promise<string> {
  const { session, setSession } = useRunStore.getState();
  if (session.status === "ready" && session.id) return session.id;
  setSession({ status: "starting" });
  try {
    const reply = await apiRequest<SessionReply>("POST", `/api/notebooks/${notebookId}/session`);
    setSession({ status: "ready", id: reply.session.id, expiresAt: reply.session.expiresAt, kernels: reply.session.kernels ?? [] });
    return reply.session.id;
  } catch (error) {
    setSession({ status: "none", error: messageOf(error) });
    throw error;
  }
}

/**
 * The block as the saved copy has it: a block that had no id in the draft got one when the draft
 * was saved, at the same place.
 */
export function savedTarget(savedContent: string, block: RunTarget): RunTarget {
  if (block.id !== null) return block;
  const saved = parseNotebook(savedContent)[block.index];
  return { id: saved?.id ?? null, index: block.index, code: saved?.code };
}

/** Each block's code in a saved copy, by block key: what a chained run of it ran. */
export function savedCodes(savedContent: string): (key: string) => string | undefined {
  const codes = new Map(parseNotebook(savedContent).map((block) => [blockKey(block), block.code]));
  return (key) => codes.get(key);
}

/**
 * Runs one block of the saved notebook, streaming its events into the store; returns how it ended.
 * In a shared notebook the server may run the stale blocks above it first (a chain): each one's
 * events go to that block, found by its `start` event. `codeOf` gives a block's saved code by key,
 * so each chained run knows what code made its output.
 */
export async function runBlock(notebookId: string, block: RunTarget, version: number, codeOf?: (key: string) => string | undefined): Promise<BlockRun | undefined> {
  const store = useRunStore.getState();
  const key = blockKey(block);
  const code = block.code ?? codeOf?.(key);
  store.startRun(key, code === undefined ? undefined : codeFingerprint(code));
  try {
    const sessionId = await ensureSession(notebookId);
    const name = block.id !== null ? { blockId: block.id } : { blockIndex: block.index };
    const response = await fetch("/api/executions", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sessionId, ...name, version }),
    });
    if (!response.ok || !response.body) {
      const error = await readApiError(response);
      // The session may have ended behind our back (idle reaper, another tab): ask, so the bar
      // says so and the next Run starts afresh.
      if (error.status === 404 || error.status === 409) await loadSession(notebookId);
      throw error;
    }
    const last = await applyStream(key, response.body, codeOf);
    // A stream cut short (a network blip, a proxy) is picked up where it stopped: the run goes on,
    // and so does a chain (replayed from its start, which sets every block it names right again).
    const cut = useRunStore.getState().runs[last.key];
    const unfinished = useRunStore.getState().runs[key]?.status !== "finished";
    if (last.chainId && unfinished) await followChain(last.chainId, key, codeOf);
    else if (cut?.status === "running" && cut.executionId) await followRun(last.key, cut.executionId, last.read);
    const run = useRunStore.getState().runs[key];
    if (run?.status === "running" || run?.status === "queued") store.failRun(key, "The output stream ended before the block finished.");
    // A run moves the idle expiry on, and may have started a kernel.
    void loadSession(notebookId);
  } catch (error) {
    store.failRun(key, messageOf(error));
  }
  return useRunStore.getState().runs[key];
}

/**
 * Shows a run that is still going (started before a reload, or in another tab) from its first
 * event, and follows it to its end. `from` skips the events this page already has.
 */
export async function followRun(key: string, executionId: string, from = 0): Promise<void> {
  const store = useRunStore.getState();
  if (from === 0) store.startRun(key);
  try {
    const response = await fetch(`/api/executions/${encodeURIComponent(executionId)}/events?from=${from}`);
    if (!response.ok || !response.body) throw await readApiError(response);
    await applyStream(key, response.body);
    if (useRunStore.getState().runs[key]?.status === "running") store.failRun(key, "The output stream ended before the block finished.");
  } catch (error) {
    store.failRun(key, messageOf(error));
  }
}

/**
 * Applies a stream's events to the runs they belong to: to `key`, or, after a `chain` event, to
 * each block its `start` names (the blocks the chain names wait as queued until then). Returns
 * the last run's key, how many of its own events were read (its offset in GET …/events), and the
 * chain's id when the stream was a chain's.
 */
async function applyStream(key: string, body: ReadableStream<Uint8Array>, codeOf?: (key: string) => string | undefined): Promise<{ key: string; read: number; chainId?: string }> {
  let current = key;
  let chainId: string | undefined;
  let queued: string[] = [];
  let read = 0;
  const fingerprintOf = (runKey: string) => {
    const code = codeOf?.(runKey);
    return code === undefined ? undefined : codeFingerprint(code);
  };
  // A network chunk's output pieces for one run are applied in one update (a block flushing one
  // byte at a time sends thousands a second); anything else first applies what is waiting.
  let pending: StreamEvent[] = [];
  const flush = () => {
    if (pending.length > 0) useRunStore.getState().applyEvents(current, pending);
    pending = [];
  };
  for await (const lines of readLineBatches(body.getReader())) {
    for (const line of lines) applyLine(JSON.parse(line) as StreamEvent);
    flush();
  }
  // The blocks the chain never reached show their last output again.
  for (const queuedKey of queued) if (queuedKey !== key) useRunStore.getState().unqueueRun(queuedKey);
  return { key: current, read, chainId };

  function applyLine(event: StreamEvent): void {
    if (isOutputEvent(event)) {
      pending.push(event);
      read++;
      return;
    }
    flush();
    const store = useRunStore.getState();
    if (event.type === "chain") {
      chainId = event.executionId;
      queued = [...event.blocks, event.target].map((block) => blockKey({ id: block.blockId, index: block.blockIndex }));
      for (const queuedKey of queued) {
        const own = queuedKey === key && store.runs[key]?.status === "running" ? store.runs[key]?.codeFingerprint : undefined;
        store.queueRun(queuedKey, own ?? fingerprintOf(queuedKey));
      }
      return;
    }
    if (chainId && event.type === "start") {
      current = blockKey({ id: event.blockId, index: event.blockIndex });
      read = 0;
      // Each chained block starts afresh, and the block asked for starts after them (its order says so).
      store.startRun(current, store.runs[current]?.codeFingerprint ?? fingerprintOf(current));
    }
    if (chainId && event.type === "error" && store.runs[current]?.status === "finished") {
      // The chain stopped at a failed block: say so on the block that was asked for.
      store.failRun(key, event.message);
      return;
    }
    store.applyEvent(current, event);
    read++;
  }
}

/**
 * Shows a stale chain still going (started before a reload, or cut short) and follows it to its
 * end: its events from the start, so every block it names shows as done, running or queued.
 */
export async function followChain(chainId: string, targetKey: string, codeOf?: (key: string) => string | undefined): Promise<void> {
  const store = useRunStore.getState();
  try {
    const response = await fetch(`/api/executions/${encodeURIComponent(chainId)}/events?from=0`);
    if (!response.ok || !response.body) throw await readApiError(response);
    await applyStream(targetKey, response.body, codeOf);
    const target = useRunStore.getState().runs[targetKey];
    if (target?.status === "running" || target?.status === "queued") store.failRun(targetKey, "The output stream ended before the block finished.");
  } catch (error) {
    store.failRun(targetKey, messageOf(error));
  }
}

export type RunAllOutcome = { kind: "done" } | { kind: "cancelled" } | { kind: "stopped"; index: number; reason: string };

/** Runs the given blocks one after another, stopping at the first that fails or cannot run, or when `signal` aborts. */
export async function runAll(notebookId: string, blocks: readonly RunTarget[], version: number, signal?: AbortSignal): Promise<RunAllOutcome> {
  const codes = new Map(blocks.map((block) => [blockKey(block), block.code]));
  for (const block of blocks) {
    if (signal?.aborted) return { kind: "cancelled" };
    const run = await runBlock(notebookId, block, version, (key) => codes.get(key));
    if (signal?.aborted) return { kind: "cancelled" };
    if (!run || run.error || run.exit?.exitCode !== 0) {
      const reason = run?.error ?? run?.exit?.message ?? `It exited with code ${run?.exit?.exitCode ?? "unknown"}.`;
      return { kind: "stopped", index: block.index, reason };
    }
  }
  return { kind: "done" };
}

/** Cancels every run of this page still going (Run all's Cancel). */
export async function cancelAllRuns(): Promise<void> {
  const running = Object.values(useRunStore.getState().runs).filter((run) => run.status === "running" && run.executionId);
  await Promise.all(running.map((run) => cancelRun(run.executionId!)));
}

/** Sends the reader's line to the block waiting for it; returns a sentence when it could not. */
export async function answerInput(key: string, executionId: string, value: string): Promise<string | undefined> {
  try {
    await apiRequest("POST", `/api/executions/${encodeURIComponent(executionId)}/input`, { value });
    useRunStore.getState().answerInput(key);
    return undefined;
  } catch (error) {
    return messageOf(error);
  }
}

export async function cancelRun(executionId: string): Promise<void> {
  await apiRequest("POST", `/api/executions/${executionId}/cancel`).catch(() => undefined);
}

/**
 * Restarts one kernel of the session (or all of them): its state is gone, so the page counts no
 * earlier run of that language as current. Returns a sentence when the restart was refused.
 */
export async function restartKernel(notebookId: string, runtime?: KernelView["runtime"]): Promise<string | undefined> {
  const { session, kernelRestarted } = useRunStore.getState();
  if (session.status !== "ready" || !session.id) return "There is no session to restart kernels in.";
  try {
    const path = runtime ? `/api/sessions/${session.id}/kernels/${runtime}/restart` : `/api/sessions/${session.id}/kernels/restart`;
    const reply = await apiRequest<{ kernel?: KernelView; kernels?: KernelView[] }>("POST", path);
    const restarted = reply.kernels ?? (reply.kernel ? [reply.kernel] : []);
    for (const kernel of restarted) kernelRestarted(kernel.runtime);
    if (runtime) kernelRestarted(runtime);
    await loadSession(notebookId);
    return undefined;
  } catch (error) {
    return messageOf(error);
  }
}

export async function disconnect(notebookId: string): Promise<void> {
  const { setSession } = useRunStore.getState();
  try {
    await apiRequest("DELETE", `/api/notebooks/${notebookId}/session`);
    setSession({ status: "none" });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) setSession({ status: "none" });
    else setSession({ ...useRunStore.getState().session, error: messageOf(error) });
  }
}

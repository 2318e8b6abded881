import { create } from "zustand";
import { applyOutputEventInPlace, isOutputEvent, type OutputState } from "@/lib/executions/apply-output-event";
import type { OutputItem } from "@/lib/executions/output-item";
import type { StreamEvent } from "@/lib/executions/stream-events";
import type { KernelView } from "@/lib/sessions/kernel-state";

export type Artifact = { name: string; mime: string; url: string };
export type ExitInfo = { exitCode: number | null; durationMs: number; message?: string; truncated: boolean };

export type BlockRun = {
  /** queued: named by a stale chain in flight, waiting for the blocks before it in the chain. */
  status: "queued" | "running" | "finished";
  executionId?: string;
  /** When it started, next to the other runs of the page (only compared): restored runs come before live ones. */
  order?: number;
  /** A restored run: when it finished, by the server's clock (compared with its kernel's start). */
  finishedAt?: string;
  /** lib/notebook/code-fingerprint.ts of the code that ran, when known: a changed block marks this output stale. */
  codeFingerprint?: string;
  /** Stream chunks, displays and exceptions in order, as lib/executions/apply-output-event.ts applies them. */
  output: OutputItem[];
  /** A `clear-output {wait}` waits for the next item. */
  clearPending?: boolean;
  artifacts: Artifact[];
  /** The block waits for a line from the reader (input(), readline()). */
  inputRequest?: { prompt: string; password: boolean };
  /** What happened to a kernel during this run (died, restarted), in words. */
  kernelNotes?: string[];
  exit?: ExitInfo;
  error?: string;
  /** Set on an output an author published: shown to readers until they run the block themselves. */
  published?: { by: string; at: string };
  /** A queued run: the block's last finished run, shown until this one starts (and kept if it never does). */
  previous?: BlockRun;
};

/** "ended": the session this page was using is gone (idle expiry, another tab); the next Run starts one. */
export type SessionState = { status: "none" | "starting" | "ready" | "ended"; id?: string; expiresAt?: string; error?: string; kernels?: KernelView[] };

type RunState = {
  notebookId: string | null;
  session: SessionState;
  /** By block key (lib/notebook/find-block.ts): a run stays with its block wherever it moves. */
  runs: Record<string, BlockRun>;
  /** The order counter of runs started in this page. */
  lastOrder: number;
  /** By runtime: the order counter when its kernel last (re)started as this page saw it; runs before hold no state in it. */
  kernelRestarts: Record<string, number>;
  /** A kernel restarted (from the session bar, or died in a run): runs before now no longer count in it. */
  kernelRestarted: (runtime: string) => void;
  reset: (notebookId: string) => void;
  setSession: (session: SessionState) => void;
  startRun: (key: string, codeFingerprint?: string) => void;
  /** A chain names the block: it waits, showing its last output, until its own run starts. */
  queueRun: (key: string, codeFingerprint?: string) => void;
  /** The chain ended before the block's run started: its last finished run is shown again. */
  unqueueRun: (key: string) => void;
  applyEvent: (key: string, event: StreamEvent) => void;
  /** A stream's events for the run in one update: its output pieces go into one copy of the output. */
  applyEvents: (key: string, events: StreamEvent[]) => void;
  failRun: (key: string, message: string) => void;
  /** The reader answered the block's prompt: the field goes until the block asks again. */
  answerInput: (key: string) => void;
  /** Shows stored runs (after a reload) for blocks that have no run in this page yet, or only a published one. */
  restoreRuns: (runs: Record<string, BlockRun>) => void;
};

/** Run state of the open notebook: its session and the latest run of each block. */
export const useRunStore = create<RunState>()((set, get) => ({
  notebookId: null,
  session: { status: "none" },
  runs: {},
  lastOrder: 0,
  kernelRestarts: {},
  kernelRestarted: (runtime) => set((state) => ({ kernelRestarts: { ...state.kernelRestarts, [runtime]: state.lastOrder } })),
  reset: (notebookId) => set({ notebookId, session: { status: "none" }, runs: {}, lastOrder: 0, kernelRestarts: {} }),
  setSession: (session) => set({ session }),
  startRun: (key, codeFingerprint) =>
    set((state) => ({
      lastOrder: state.lastOrder + 1,
      runs: { ...state.runs, [key]: { status: "running", order: state.lastOrder + 1, codeFingerprint, output: [], artifacts: [] } },
    })),
  queueRun: (key, codeFingerprint) =>
    set((state) => {
      const existing = state.runs[key];
      const previous = existing?.status === "finished" ? existing : existing?.previous;
      return { runs: { ...state.runs, [key]: { status: "queued", codeFingerprint, output: [], artifacts: [], ...(previous ? { previous } : {}) } } };
    }),
  unqueueRun: (key) =>
    set((state) => {
      const run = state.runs[key];
      if (run?.status !== "queued") return state;
      const rest = Object.fromEntries(Object.entries(state.runs).filter(([other]) => other !== key));
      return { runs: run.previous ? { ...rest, [key]: run.previous } : rest };
    }),
  applyEvent: (key, event) => get().applyEvents(key, [event]),
  applyEvents: (key, events) =>
    set((state) => {
      let run = state.runs[key];
      if (!run || events.length === 0) return state;
      let kernelRestarts = state.kernelRestarts;
      // However many output pieces a network chunk holds, the output is copied once: a copy per
      // piece made a block flushing 100,000 pieces quadratic in the reader's tab.
      let output: OutputState | undefined;
      const settle = (current: BlockRun) => (output ? { ...current, output: output.items, clearPending: output.clearPending } : current);
      for (const event of events) {
        if (isOutputEvent(event)) {
          output ??= { items: [...run.output], clearPending: run.clearPending ?? false };
          applyOutputEventInPlace(output, event);
          continue;
        }
        run = withEvent(settle(run), event);
        output = undefined;
        // A kernel that started, died or restarted during a run holds nothing of the runs before it.
        if (event.type === "kernel" && (event.state === "dead" || event.state === "restarting" || event.state === "starting")) {
          kernelRestarts = { ...kernelRestarts, [event.runtime]: (run.order ?? state.lastOrder) - 1 };
        }
      }
      return { runs: { ...state.runs, [key]: settle(run) }, kernelRestarts };
    }),
  failRun: (key, message) =>
    set((state) => ({
      runs: {
        ...state.runs,
        [key]: { output: [], artifacts: [], ...state.runs[key], status: "finished", error: message },
      },
    })),
  answerInput: (key) =>
    set((state) => {
      const run = state.runs[key];
      return run ? { runs: { ...state.runs, [key]: { ...run, inputRequest: undefined } } } : state;
    }),
  restoreRuns: (runs) =>
    set((state) => {
      const kept = Object.entries(state.runs).filter(([key, run]) => !(run.published && key in runs && !runs[key]!.published));
      return { runs: { ...runs, ...Object.fromEntries(kept) } };
    }),
}));

/** A run after one of its events other than output (applyEvents applies those). */
function withEvent(run: BlockRun, event: StreamEvent): BlockRun {
  switch (event.type) {
    case "start":
      return { ...run, executionId: event.executionId };
    case "input-request":
      return { ...run, inputRequest: { prompt: event.prompt, password: event.password } };
    case "kernel":
      return event.message ? { ...run, kernelNotes: [...(run.kernelNotes ?? []), event.message] } : run;
    case "artifact":
      return { ...run, artifacts: [...run.artifacts, { name: event.name, mime: event.mime, url: event.url }] };
    case "exit": {
      const { exitCode, durationMs, message, truncated } = event;
      return { ...run, status: "finished", inputRequest: undefined, exit: { exitCode, durationMs, message, truncated } };
    }
    case "error":
      return { ...run, status: "finished", inputRequest: undefined, error: event.message };
    default:
      // A chain is routed by lib/client/run-actions.ts, block by block; it changes no one run.
      return run;
  }
}

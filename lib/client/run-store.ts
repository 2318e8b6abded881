import { create } from "zustand";
import type { StreamEvent } from "@/lib/executions/stream-events";

export type OutputChunk = { stream: "stdout" | "stderr"; data: string };
export type Artifact = { name: string; mime: string; url: string };
export type ExitInfo = { exitCode: number | null; durationMs: number; message?: string; truncated: boolean };

export type BlockRun = {
  status: "running" | "finished";
  executionId?: string;
  /** lib/notebook/code-fingerprint.ts of the code that ran, when known: a changed block marks this output stale. */
  codeFingerprint?: string;
  output: OutputChunk[];
  artifacts: Artifact[];
  exit?: ExitInfo;
  error?: string;
  /** Set on an output an author published: shown to readers until they run the block themselves. */
  published?: { by: string; at: string };
};

/** "ended": the session this page was using is gone (idle expiry, another tab); the next Run starts one. */
export type SessionState = { status: "none" | "starting" | "ready" | "ended"; id?: string; expiresAt?: string; error?: string };

type RunState = {
  notebookId: string | null;
  session: SessionState;
  /** By block key (lib/notebook/find-block.ts): a run stays with its block wherever it moves. */
  runs: Record<string, BlockRun>;
  reset: (notebookId: string) => void;
  setSession: (session: SessionState) => void;
  startRun: (key: string, codeFingerprint?: string) => void;
  applyEvent: (key: string, event: StreamEvent) => void;
  failRun: (key: string, message: string) => void;
  /** Shows stored runs (after a reload) for blocks that have no run in this page yet, or only a published one. */
  restoreRuns: (runs: Record<string, BlockRun>) => void;
};

/** Run state of the open notebook: its session and the latest run of each block. */
export const useRunStore = create<RunState>()((set) => ({
  notebookId: null,
  session: { status: "none" },
  runs: {},
  reset: (notebookId) => set({ notebookId, session: { status: "none" }, runs: {} }),
  setSession: (session) => set({ session }),
  startRun: (key, codeFingerprint) =>
    set((state) => ({ runs: { ...state.runs, [key]: { status: "running", codeFingerprint, output: [], artifacts: [] } } })),
  applyEvent: (key, event) =>
    set((state) => {
      const run = state.runs[key];
      if (!run) return state;
      return { runs: { ...state.runs, [key]: withEvent(run, event) } };
    }),
  failRun: (key, message) =>
    set((state) => ({
      runs: {
        ...state.runs,
        [key]: { output: [], artifacts: [], ...state.runs[key], status: "finished", error: message },
      },
    })),
  restoreRuns: (runs) =>
    set((state) => {
      const kept = Object.entries(state.runs).filter(([key, run]) => !(run.published && key in runs && !runs[key]!.published));
      return { runs: { ...runs, ...Object.fromEntries(kept) } };
    }),
}));

function withEvent(run: BlockRun, event: StreamEvent): BlockRun {
  switch (event.type) {
    case "start":
      return { ...run, executionId: event.executionId };
    case "output":
      return { ...run, output: appendOutput(run.output, event) };
    case "artifact":
      return { ...run, artifacts: [...run.artifacts, { name: event.name, mime: event.mime, url: event.url }] };
    case "exit": {
      const { exitCode, durationMs, message, truncated } = event;
      return { ...run, status: "finished", exit: { exitCode, durationMs, message, truncated } };
    }
    case "error":
      return { ...run, status: "finished", error: event.message };
    default:
      // Kernel events (display, exception, input, kernel state, chain) are not shown yet.
      return run;
  }
}

// Neighbouring chunks of one stream are merged so a chatty block does not grow one node per write.
function appendOutput(output: OutputChunk[], chunk: OutputChunk): OutputChunk[] {
  const last = output.at(-1);
  if (last && last.stream === chunk.stream) return [...output.slice(0, -1), { stream: last.stream, data: last.data + chunk.data }];
  return [...output, { stream: chunk.stream, data: chunk.data }];
}

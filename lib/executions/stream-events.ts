import type { Runtime } from "@/lib/notebook/types";

// The NDJSON stream protocol of DESIGN.md, one object per line.
export type ExitSummary = {
  type: "exit";
  exitCode: number | null;
  durationMs: number;
  truncated: boolean;
  timedOut: boolean;
  cancelled: boolean;
  oomKilled: boolean;
  /** A sentence for the reader when the block did not end on its own: timeout, memory, cancel. */
  message?: string;
};

/**
 * A Jupyter MIME bundle as the stream carries it: MIME type → content. Text types are strings,
 * image/png and image/jpeg are base64 strings, application/json is any JSON value. It comes out of
 * a sandbox: the server validates and caps it, the page renders it without trusting it.
 */
export type MimeBundle = Record<string, unknown>;

export type BlockName = { blockId: string | null; blockIndex: number };

export const KERNEL_STATES = ["starting", "idle", "busy", "dead", "restarting"] as const;
export type KernelState = (typeof KERNEL_STATES)[number];

export type StreamEvent =
  | { type: "start"; executionId: string; blockIndex: number; blockId: string | null }
  | { type: "output"; stream: "stdout" | "stderr"; data: string }
  /** Rich output (Jupyter display_data / execute_result); displayId set when it may be updated. */
  | { type: "display"; displayId: string | null; data: MimeBundle; metadata: Record<string, unknown> }
  /** Replaces the bundle of the earlier display with this displayId (update_display_data). */
  | { type: "display-update"; displayId: string; data: MimeBundle; metadata: Record<string, unknown> }
  /** Clears the run's output so far (clear_output); with wait, only when the next output arrives. */
  | { type: "clear-output"; wait: boolean }
  /** An error raised in a kernel; traceback lines carry ANSI colours. The run still ends in `exit`. */
  | { type: "exception"; ename: string; evalue: string; traceback: string[] }
  /** The block asks the reader for a line (input(), readline()); answered by POST …/input. */
  | { type: "input-request"; prompt: string; password: boolean }
  /** A kernel of this session changed state during this run (started, died, restarted). */
  | { type: "kernel"; runtime: Runtime; state: KernelState; message?: string }
  /**
   * Sent first when stale blocks above must run before the one asked for (shared notebooks): the
   * blocks in order, the target, and the chain's own id, whose events GET …/events replays.
   */
  | { type: "chain"; executionId: string; blocks: BlockName[]; target: BlockName }
  | { type: "artifact"; name: string; mime: string; bytes: number; url: string }
  | ExitSummary
  | { type: "error"; message: string };

/** Said of a run that was in flight when Runnel stopped (status `interrupted`), wherever it is shown. */
export const INTERRUPTED_RUN = "Runnel restarted while this block ran, so the run was interrupted; run it again.";

export function encodeEvent(event: { type: string }): string {
  return `${JSON.stringify(event)}\n`;
}

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

export type StreamEvent =
  | { type: "start"; executionId: string; blockIndex: number; blockId: string | null }
  | { type: "output"; stream: "stdout" | "stderr"; data: string }
  | { type: "artifact"; name: string; mime: string; bytes: number; url: string }
  | ExitSummary
  | { type: "error"; message: string };

export function encodeEvent(event: { type: string }): string {
  return `${JSON.stringify(event)}\n`;
}

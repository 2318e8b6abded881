import type { MimeBundle } from "./stream-events";

/**
 * One item of a run's output, in order, as stored in `Execution.output` and as the page keeps
 * it: a stream chunk (the form from before kernels), a rich display, or a kernel's exception.
 */
export type OutputItem =
  | { stream: "stdout" | "stderr"; data: string }
  | { type: "display"; displayId: string | null; data: MimeBundle; metadata: Record<string, unknown>; executionCount?: number | null }
  | { type: "exception"; ename: string; evalue: string; traceback: string[] };

export type StreamItem = Extract<OutputItem, { stream: string }>;
export type DisplayItem = Extract<OutputItem, { type: "display" }>;
export type ExceptionItem = Extract<OutputItem, { type: "exception" }>;

export function isStreamItem(item: OutputItem): item is StreamItem {
  return "stream" in item;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The well-formed items of stored output JSON, the rest dropped. The JSON is the server's own
 * but came out of a sandbox and crosses the network, so the page trusts nothing in it.
 */
export function readOutputItems(output: unknown): OutputItem[] {
  if (!Array.isArray(output)) return [];
  return output.flatMap((item: unknown): OutputItem[] => {
    if (!isRecord(item)) return [];
    if ((item.stream === "stdout" || item.stream === "stderr") && typeof item.data === "string") return [{ stream: item.stream, data: item.data }];
    if (item.type === "display" && isRecord(item.data)) {
      const displayId = typeof item.displayId === "string" ? item.displayId : null;
      const display: DisplayItem = { type: "display", displayId, data: item.data, metadata: isRecord(item.metadata) ? item.metadata : {} };
      const count = item.executionCount;
      if (count === null || (typeof count === "number" && Number.isInteger(count) && count >= 0)) display.executionCount = count;
      return [display];
    }
    if (item.type === "exception" && typeof item.ename === "string" && typeof item.evalue === "string") {
      const traceback = Array.isArray(item.traceback) ? item.traceback.filter((line): line is string => typeof line === "string") : [];
      return [{ type: "exception", ename: item.ename, evalue: item.evalue, traceback }];
    }
    return [];
  });
}

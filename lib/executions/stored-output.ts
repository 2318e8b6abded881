import type { DisplayItem, ExceptionItem, OutputItem, StreamItem } from "./output-item";
import type { StreamEvent } from "./stream-events";

// One item of `Execution.output`, in order: the isomorphic type of output-item.ts, which the page reads back.
export type StoredChunk = StreamItem;
export type StoredDisplay = DisplayItem;
export type StoredException = ExceptionItem;
export type StoredItem = OutputItem;

type Kept = Extract<StreamEvent, { type: "output" | "display" | "display-update" | "clear-output" | "exception" }>;

const sizeOf = (item: StoredItem) => Buffer.byteLength(JSON.stringify(item));

/**
 * The output kept in the database, as the live page ends up showing it: consecutive chunks of
 * one stream merged, `display-update` applied to every earlier display of its id, and
 * `clear-output` applied (with `wait`, when the next output arrives), at most `capBytes` in all
 * (the agent and the connection already cap what arrives at the same figure).
 */
export class StoredOutput {
  readonly chunks: StoredItem[] = [];
  private bytes = 0;
  private clearPending = false;
  truncated = false;

  constructor(private readonly capBytes: number) {}

  add(event: Kept): void {
    if (event.type === "clear-output") {
      if (event.wait) this.clearPending = true;
      else this.clear();
      return;
    }
    if (event.type === "display-update") return this.update(event);
    if (this.clearPending) this.clear();
    if (event.type === "output") return this.addText(event);
    const item: StoredItem =
      event.type === "display"
        ? { type: "display", displayId: event.displayId, data: event.data, metadata: event.metadata }
        : { type: "exception", ename: event.ename, evalue: event.evalue, traceback: event.traceback };
    const size = sizeOf(item);
    if (size > this.capBytes - this.bytes) {
      this.truncated = true;
      return;
    }
    this.bytes += size;
    this.chunks.push(item);
  }

  private clear(): void {
    this.chunks.length = 0;
    this.bytes = 0;
    this.clearPending = false;
  }

  private update(event: Extract<StreamEvent, { type: "display-update" }>): void {
    for (const item of this.chunks) {
      if (!("type" in item) || item.type !== "display" || item.displayId !== event.displayId) continue;
      const next: StoredDisplay = { ...item, data: event.data, metadata: event.metadata };
      const grow = sizeOf(next) - sizeOf(item);
      if (grow > this.capBytes - this.bytes) {
        this.truncated = true;
        continue;
      }
      this.bytes += grow;
      Object.assign(item, next);
    }
  }

  private addText(event: Extract<StreamEvent, { type: "output" }>): void {
    const room = this.capBytes - this.bytes;
    if (room <= 0) {
      this.truncated = true;
      return;
    }
    const size = Buffer.byteLength(event.data);
    const data = size <= room ? event.data : Buffer.from(event.data).subarray(0, room).toString("utf8").replace(/\uFFFD$/, "");
    if (size > room) this.truncated = true;
    this.bytes += Buffer.byteLength(data);
    const last = this.chunks.at(-1);
    if (last && "stream" in last && last.stream === event.stream) last.data += data;
    else this.chunks.push({ stream: event.stream, data });
  }
}

/** The stream text of stored output (what formats without rich output, such as plain logs, keep). */
export function isStoredChunk(item: StoredItem): item is StoredChunk {
  return "stream" in item;
}

import { applyOutputEvent, EMPTY_OUTPUT, type OutputEvent, type OutputState } from "./apply-output-event";
import type { DisplayItem, ExceptionItem, OutputItem } from "./output-item";

// One item of `Execution.output`, in order: the isomorphic type of output-item.ts, which the page reads back.
export type StoredDisplay = DisplayItem;
export type StoredException = ExceptionItem;
export type StoredItem = OutputItem;

// A display or an exception event has the very fields of the item it becomes.
const sizeOf = (item: StoredItem | Extract<OutputEvent, { type: "display" | "exception" }>) =>
  "stream" in item ? Buffer.byteLength(item.data) : Buffer.byteLength(JSON.stringify(item));

/**
 * The output kept in the database, as the live page ends up showing it: the page's own rule
 * (apply-output-event.ts) applied to each event, at most `capBytes` in all (the agent and the
 * connection already cap what arrives at the same figure). What would pass the cap is cut (text)
 * or left out (a display, an exception, an update that grows a display), and `truncated` says so.
 */
export class StoredOutput {
  private state: OutputState = EMPTY_OUTPUT;
  private bytes = 0;
  truncated = false;

  constructor(private readonly capBytes: number) {}

  get chunks(): StoredItem[] {
    return this.state.items;
  }

  add(event: OutputEvent): void {
    const kept = this.withinCap(event);
    if (!kept) {
      this.truncated = true;
      return;
    }
    this.bytes = this.bytesAfter(kept);
    this.state = applyOutputEvent(this.state, kept);
  }

  private bytesAfter(event: OutputEvent): number {
    const base = this.state.clearPending ? 0 : this.bytes;
    switch (event.type) {
      case "clear-output":
        return event.wait ? this.bytes : 0;
      case "output":
        return base + Buffer.byteLength(event.data);
      case "display":
      case "exception":
        return base + sizeOf(event);
      case "display-update":
        return this.bytes + this.growthOf(event);
    }
  }

  /** How much an update grows the displays it replaces (they may be several, or none). */
  private growthOf(event: Extract<OutputEvent, { type: "display-update" }>): number {
    let growth = 0;
    for (const item of this.state.items) {
      if ("type" in item && item.type === "display" && item.displayId === event.displayId) {
        growth += sizeOf({ ...item, data: event.data, metadata: event.metadata }) - sizeOf(item);
      }
    }
    return growth;
  }

  /** The event as far as it fits, or null when none of it does. */
  private withinCap(event: OutputEvent): OutputEvent | null {
    // An item arriving after a `clear-output {wait}` starts from nothing.
    const used = this.state.clearPending && event.type !== "display-update" && event.type !== "clear-output" ? 0 : this.bytes;
    const room = this.capBytes - used;
    switch (event.type) {
      case "clear-output":
        return event;
      case "output": {
        if (room <= 0) return null;
        const size = Buffer.byteLength(event.data);
        if (size <= room) return event;
        this.truncated = true;
        return { ...event, data: Buffer.from(event.data).subarray(0, room).toString("utf8").replace(/\uFFFD$/, "") };
      }
      case "display":
      case "exception":
        return sizeOf(event) <= room ? event : null;
      case "display-update":
        return this.bytes + this.growthOf(event) <= this.capBytes ? event : null;
    }
  }
}

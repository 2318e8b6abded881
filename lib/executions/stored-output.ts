import { applyOutputEventInPlace, type OutputEvent, type OutputState } from "./apply-output-event";
import type { DisplayItem, ExceptionItem, OutputItem } from "./output-item";

// One item of `Execution.output`, in order: the isomorphic type of output-item.ts, which the page reads back.
export type StoredDisplay = DisplayItem;
export type StoredException = ExceptionItem;
export type StoredItem = OutputItem;

type DisplayUpdate = Extract<OutputEvent, { type: "display-update" }>;

// A display or an exception event has the very fields of the item it becomes.
const sizeOf = (item: StoredItem | Extract<OutputEvent, { type: "display" | "exception" }>) =>
  "stream" in item ? Buffer.byteLength(item.data) : Buffer.byteLength(JSON.stringify(item));

/** The bytes of a display's bundle and metadata: all an update changes of its size. */
const payloadOf = (display: { data: unknown; metadata: unknown }) => Buffer.byteLength(JSON.stringify(display.data)) + Buffer.byteLength(JSON.stringify(display.metadata));

/** The displays of one displayId so far, and the last update to them. */
type DisplayGroup = { count: number; payloadBytes: number; update?: { seq: number; event: DisplayUpdate } };

/**
 * The output kept in the database, as the live page ends up showing it: the page's own rule
 * (apply-output-event.ts) applied to each event, at most `capBytes` in all (the agent and the
 * connection already cap what arrives at the same figure). What would pass the cap is cut (text)
 * or left out (a display, an exception, an update that grows a display), and `truncated` says so.
 *
 * Each event costs the same however much output came before (a run may send MAX_RUN_EVENTS of
 * them): items are appended in place, and an update is only noted, with its displays' size kept
 * per displayId, then applied to the displays made before it when the output is read.
 */
export class StoredOutput {
  private readonly state: OutputState = { items: [], clearPending: false };
  /** Beside each item, the event that made it (its place in the run). */
  private readonly madeAt: number[] = [];
  private readonly displays = new Map<string, DisplayGroup>();
  private seq = 0;
  private bytes = 0;
  truncated = false;

  constructor(private readonly capBytes: number) {}

  get chunks(): StoredItem[] {
    if (![...this.displays.values()].some((group) => group.update)) return this.state.items;
    return this.state.items.map((item, index) => {
      if (!("type" in item) || item.type !== "display" || item.displayId === null) return item;
      const update = this.displays.get(item.displayId)?.update;
      return update && update.seq > this.madeAt[index]! ? { ...item, data: update.event.data, metadata: update.event.metadata } : item;
    });
  }

  add(event: OutputEvent): void {
    const kept = this.withinCap(event);
    if (!kept) {
      this.truncated = true;
      return;
    }
    this.bytes = this.bytesAfter(kept);
    const seq = this.seq++;
    if (kept.type === "display-update") {
      const group = this.displays.get(kept.displayId);
      if (!group) return; // no display of that id to update, as JupyterLab drops it
      group.update = { seq, event: kept };
      group.payloadBytes = group.count * payloadOf(kept);
      return;
    }
    const clears = kept.type === "clear-output" ? !kept.wait : this.state.clearPending;
    applyOutputEventInPlace(this.state, kept);
    if (clears) {
      this.madeAt.length = 0;
      this.displays.clear();
    }
    // An item was appended, or the last one grown (it keeps its place).
    if (this.madeAt.length < this.state.items.length) this.madeAt.push(seq);
    if (kept.type === "display" && kept.displayId !== null) {
      const group = this.displays.get(kept.displayId) ?? { count: 0, payloadBytes: 0 };
      group.count++;
      group.payloadBytes += payloadOf(kept);
      this.displays.set(kept.displayId, group);
    }
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
  private growthOf(event: DisplayUpdate): number {
    const group = this.displays.get(event.displayId);
    return group ? group.count * payloadOf(event) - group.payloadBytes : 0;
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

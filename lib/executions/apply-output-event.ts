import type { OutputItem } from "./output-item";
import type { StreamEvent } from "./stream-events";

/** A run's output while it runs: the items so far, and whether a `clear-output {wait}` waits for the next one. */
export type OutputState = { items: OutputItem[]; clearPending: boolean };

export const EMPTY_OUTPUT: OutputState = { items: [], clearPending: false };

export type OutputEvent = Extract<StreamEvent, { type: "output" | "display" | "display-update" | "clear-output" | "exception" }>;

/**
 * Applies one output event as Jupyter front ends do, the one rule for the page's live run and the
 * stored form (so a reload shows what the live page showed). Pure: returns a new state.
 *
 * - `output` appends, merged into the last item when that is a chunk of the same stream;
 * - `display` and `exception` append;
 * - `display-update` replaces the bundle of every earlier display with its displayId, in place
 *   (one with no such display is dropped, as JupyterLab does);
 * - `clear-output` empties the output, or with `wait` empties it when the next item arrives, so a
 *   progress display redraws without flicker.
 */
export function applyOutputEvent(state: OutputState, event: OutputEvent): OutputState {
  const next = { items: [...state.items], clearPending: state.clearPending };
  applyOutputEventInPlace(next, event);
  return next;
}

/**
 * The same rule, changing `state` itself: an append costs the same however long the output is
 * (the stored form's way, which a block flushing 100,000 pieces would otherwise make quadratic).
 * Items are replaced, never changed, so a state copied from this one keeps its own.
 */
export function applyOutputEventInPlace(state: OutputState, event: OutputEvent): void {
  switch (event.type) {
    case "clear-output":
      if (event.wait) state.clearPending = true;
      else clear(state);
      return;
    case "display-update":
      state.items.forEach((item, index) => {
        if ("type" in item && item.type === "display" && item.displayId === event.displayId) {
          state.items[index] = { ...item, data: event.data, metadata: event.metadata };
        }
      });
      return;
    case "output": {
      if (state.clearPending) clear(state);
      const last = state.items.at(-1);
      if (last && "stream" in last && last.stream === event.stream) {
        state.items[state.items.length - 1] = { stream: last.stream, data: last.data + event.data };
      } else {
        state.items.push({ stream: event.stream, data: event.data });
      }
      return;
    }
    case "display":
      return append(state, {
        type: "display",
        displayId: event.displayId,
        data: event.data,
        metadata: event.metadata,
        ...(event.executionCount !== undefined ? { executionCount: event.executionCount } : {}),
      });
    case "exception":
      return append(state, { type: "exception", ename: event.ename, evalue: event.evalue, traceback: event.traceback });
  }
}

function clear(state: OutputState): void {
  state.items.length = 0;
  state.clearPending = false;
}

function append(state: OutputState, item: OutputItem): void {
  if (state.clearPending) clear(state);
  state.items.push(item);
}

export function isOutputEvent(event: StreamEvent): event is OutputEvent {
  return event.type === "output" || event.type === "display" || event.type === "display-update" || event.type === "clear-output" || event.type === "exception";
}

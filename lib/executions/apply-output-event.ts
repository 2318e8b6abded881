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
  switch (event.type) {
    case "clear-output":
      return event.wait ? { items: state.items, clearPending: true } : EMPTY_OUTPUT;
    case "display-update":
      return {
        ...state,
        items: state.items.map((item) =>
          "type" in item && item.type === "display" && item.displayId === event.displayId ? { ...item, data: event.data, metadata: event.metadata } : item,
        ),
      };
    case "output": {
      const items = state.clearPending ? [] : state.items;
      const last = items.at(-1);
      if (last && "stream" in last && last.stream === event.stream) {
        return { items: [...items.slice(0, -1), { stream: last.stream, data: last.data + event.data }], clearPending: false };
      }
      return { items: [...items, { stream: event.stream, data: event.data }], clearPending: false };
    }
    case "display":
      return appended(state, {
        type: "display",
        displayId: event.displayId,
        data: event.data,
        metadata: event.metadata,
        ...(event.executionCount !== undefined ? { executionCount: event.executionCount } : {}),
      });
    case "exception":
      return appended(state, { type: "exception", ename: event.ename, evalue: event.evalue, traceback: event.traceback });
  }
}

function appended(state: OutputState, item: OutputItem): OutputState {
  return { items: [...(state.clearPending ? [] : state.items), item], clearPending: false };
}

export function isOutputEvent(event: StreamEvent): event is OutputEvent {
  return event.type === "output" || event.type === "display" || event.type === "display-update" || event.type === "clear-output" || event.type === "exception";
}

import { encodeEvent } from "./stream-events";

export type EventStreamHandle = { events: AsyncIterable<{ type: string }>; cancel(): void };

/**
 * Streams an execution's events as NDJSON, each line written as it arrives. If the client goes
 * away the work is cancelled, and the events are still drained so the run is stored (or, for an
 * unsaved notebook's run, its sandbox removed).
 */
export function ndjsonResponse(handle: EventStreamHandle): Response {
  const iterator = handle.events[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(encodeEvent(value)));
    },
    async cancel() {
      handle.cancel();
      for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
        // discarded: nobody is listening, but the execution's record is written at the end
      }
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Accel-Buffering": "no",
    },
  });
}

import { encodeEvent } from "./stream-events";

/**
 * Streams events as NDJSON, each line written as it arrives. A client that goes away only stops
 * reading: a notebook's run goes on (see live-executions.ts) and can be followed again. A run
 * that lives only as long as its reader (an unsaved notebook's, see scratch-runs) passes
 * `onAbandon`, which stops the work; its events are then drained so it cleans up after itself.
 */
export function ndjsonResponse(events: AsyncIterable<{ type: string }>, onAbandon?: () => void): Response {
  const iterator = events[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(encodeEvent(value)));
    },
    async cancel() {
      if (!onAbandon) {
        await iterator.return?.();
        return;
      }
      onAbandon();
      for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
        // discarded: nobody is listening, but the run still ends and cleans up
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

import { encodeEvent, type StreamEvent } from "./stream-events";

/**
 * Streams events as NDJSON, each line written as it arrives. A client that goes away only stops
 * reading: the run itself goes on (see live-executions.ts) and can be followed again.
 */
export function ndjsonResponse(events: AsyncIterable<StreamEvent>): Response {
  const iterator = events[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(encodeEvent(value)));
    },
    async cancel() {
      await iterator.return?.();
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

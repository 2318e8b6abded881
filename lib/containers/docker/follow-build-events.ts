import type { Readable } from "node:stream";

export type BuildEvent = { stream?: string; status?: string; error?: string; errorDetail?: { message?: string } };

/** Longer lines of the engine's JSON stream are not the engine's: the build is failed. */
export const MAX_EVENT_BYTES = 1024 ** 2;

/**
 * Reads the engine's build stream (one JSON object a line) and hands each event on as it comes,
 * keeping nothing but the current partial line (dockerode's followProgress keeps every event
 * until the end: a build printing without end would grow the server without bound).
 */
export function followBuildEvents(stream: Readable, onEvent: (event: BuildEvent) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let partial = "";
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve();
    };
    const handle = (line: string) => {
      const text = line.trim();
      if (!text) return;
      try {
        onEvent(JSON.parse(text) as BuildEvent);
      } catch {
        onEvent({ stream: text });
      }
    };
    stream.on("data", (chunk: Buffer | string) => {
      partial += chunk.toString();
      let newline: number;
      while ((newline = partial.indexOf("\n")) >= 0) {
        handle(partial.slice(0, newline));
        partial = partial.slice(newline + 1);
      }
      if (partial.length > MAX_EVENT_BYTES) {
        stream.destroy();
        finish(new Error("The build's output stream sent a line longer than 1 MiB."));
      }
    });
    stream.on("error", (error) => finish(error));
    stream.on("end", () => {
      handle(partial);
      finish();
    });
    stream.on("close", () => finish());
  });
}

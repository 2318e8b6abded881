import type { Readable } from "node:stream";

export type AgentLineReaderOptions = {
  maxLineBytes: number;
  onLine(line: string): void;
  /** Called once when a line passes the bound; the reader stops and drops the stream's data. */
  onTooLong(): void;
  onEnd(): void;
};

/**
 * Splits the agent's stdout into lines without ever holding more than `maxLineBytes` of one:
 * readline would buffer a newline-less flood whole, which is the server's memory to lose.
 */
export function readAgentLines(stream: Readable, options: AgentLineReaderOptions): void {
  let parts: Buffer[] = [];
  let length = 0;
  let stopped = false;
  const stop = () => {
    stopped = true;
    parts = [];
    stream.removeListener("data", onData);
    stream.resume(); // keep draining so the sender is not blocked while the stream is torn down
    options.onTooLong();
  };
  const onData = (chunk: Buffer) => {
    let start = 0;
    for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
      if (length + newline - start > options.maxLineBytes) return stop();
      parts.push(chunk.subarray(start, newline));
      const line = Buffer.concat(parts).toString("utf8");
      parts = [];
      length = 0;
      start = newline + 1;
      options.onLine(line);
      if (stopped) return;
    }
    if (start < chunk.length) {
      length += chunk.length - start;
      if (length > options.maxLineBytes) return stop();
      // Copy, so a small tail does not pin the whole chunk it came in.
      parts.push(Buffer.from(chunk.subarray(start)));
    }
  };
  stream.on("data", onData);
  stream.on("end", () => {
    if (!stopped && length > 0) options.onLine(Buffer.concat(parts).toString("utf8"));
    options.onEnd();
  });
  stream.on("close", () => options.onEnd());
}

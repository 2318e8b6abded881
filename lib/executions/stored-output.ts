import type { StreamEvent } from "./stream-events";

export type StoredChunk = { stream: "stdout" | "stderr"; data: string };

/**
 * The output kept in the database: consecutive chunks of one stream merged, at most
 * `capBytes` of text in all (the agent already caps what it sends at the same figure).
 */
export class StoredOutput {
  readonly chunks: StoredChunk[] = [];
  private bytes = 0;
  truncated = false;

  constructor(private readonly capBytes: number) {}

  add(event: Extract<StreamEvent, { type: "output" }>): void {
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
    if (last && last.stream === event.stream) last.data += data;
    else this.chunks.push({ stream: event.stream, data });
  }
}

import { Transform, type TransformCallback } from "node:stream";

const HEADER_BYTES = 8;
const STDOUT = 1;

/**
 * Docker's multiplexed attach stream (8-byte header: stream type, 3 zero bytes, payload length)
 * → the stdout payloads; stderr frames are dropped (the agent's diagnostics stay in the
 * container log). Unlike dockerode's demuxStream it never concatenates a frame's bytes and it
 * honours back-pressure: when the reader stops, the socket stops, and so does the sandbox.
 */
export function demuxAttachStream(): Transform {
  const header = Buffer.alloc(HEADER_BYTES);
  let headerBytes = 0;
  let remaining = 0;
  let type = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      let at = 0;
      while (at < chunk.length) {
        if (remaining === 0) {
          const take = Math.min(HEADER_BYTES - headerBytes, chunk.length - at);
          chunk.copy(header, headerBytes, at, at + take);
          headerBytes += take;
          at += take;
          if (headerBytes < HEADER_BYTES) break;
          headerBytes = 0;
          type = header.readUInt8(0);
          remaining = header.readUInt32BE(4);
          if (type > 2) return callback(new Error("The sandbox's stream is not in Docker's multiplexed format."));
          continue;
        }
        const take = Math.min(remaining, chunk.length - at);
        if (type === STDOUT) this.push(chunk.subarray(at, at + take));
        remaining -= take;
        at += take;
      }
      callback();
    },
  });
}

/**
 * Splits the body of a non-TTY container's logs into its stdout and stderr text. Docker prefixes
 * each frame with 8 bytes: stream (1 = stdout, 2 = stderr), 3 zero bytes, a big-endian length.
 */
export function splitLogFrames(body: Buffer): { stdout: string; stderr: string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= body.length) {
    const stream = body[offset];
    const length = body.readUInt32BE(offset + 4);
    const frame = body.subarray(offset + 8, offset + 8 + length);
    (stream === 2 ? err : out).push(frame);
    offset += 8 + length;
  }
  return { stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}

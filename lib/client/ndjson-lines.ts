/**
 * Splits a byte stream into lines. Chunks from the network end anywhere: inside a line, or
 * inside a multi-byte UTF-8 character, so both the text and the partial line are carried over.
 */
export class NdjsonLineSplitter {
  private readonly decoder = new TextDecoder();
  private buffer = "";

  /** The complete lines this chunk finishes, without their newlines; empty lines are dropped. */
  push(chunk: Uint8Array): string[] {
    this.buffer += this.decoder.decode(chunk, { stream: true });
    const parts = this.buffer.split("\n");
    this.buffer = parts.pop() ?? "";
    return parts.filter((line) => line.trim() !== "");
  }

  /** What is left when the stream ends: a last line the server did not end with a newline. */
  flush(): string[] {
    const rest = this.buffer + this.decoder.decode();
    this.buffer = "";
    return rest.trim() === "" ? [] : [rest];
  }
}

/** The lines of a streamed body, as they arrive: each chunk's complete lines together. */
export async function* readLineBatches(reader: ReadableStreamDefaultReader<Uint8Array>): AsyncGenerator<string[]> {
  const splitter = new NdjsonLineSplitter();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const lines = splitter.push(value);
    if (lines.length > 0) yield lines;
  }
  const rest = splitter.flush();
  if (rest.length > 0) yield rest;
}

/** Every line of a streamed body, as it arrives. */
export async function* readLines(reader: ReadableStreamDefaultReader<Uint8Array>): AsyncGenerator<string> {
  for await (const lines of readLineBatches(reader)) yield* lines;
}

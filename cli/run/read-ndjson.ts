import { CliError } from "../cli-error";

const MAX_LINE_CHARS = 4 * 1024 ** 2;

/** The JSON objects of an NDJSON response body, one per line, as they arrive. */
export async function* readNdjson(body: ReadableStream<Uint8Array>): AsyncGenerator<Record<string, unknown>> {
  const decoder = new TextDecoder();
  let buffered = "";
  const reader = body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    buffered += decoder.decode(read.value, { stream: true });
    let newline = buffered.indexOf("\n");
    while (newline !== -1) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) yield parseLine(line);
      newline = buffered.indexOf("\n");
    }
    if (buffered.length > MAX_LINE_CHARS) throw new CliError("The server sent a stream line longer than 4 MiB.");
  }
  if (buffered.trim()) yield parseLine(buffered.trim());
}

function parseLine(line: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(line);
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new CliError("The server sent a stream line that is not a JSON object.");
}

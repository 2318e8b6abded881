import { parseNotebook } from "./parse-notebook";
import type { NotebookBlock } from "./types";

// Every run parses its saved notebook; a notebook's content only changes with its version, so
// the parse of the last few versions is kept (under load a parse took 13–37 ms of each run).
const MAX_ENTRIES = 200;
const parsed = new Map<string, { content: string; blocks: NotebookBlock[] }>();

/** The blocks of a saved notebook at a version: parseNotebook's result, reused while unchanged. */
export function parsedNotebook(notebook: { id: string; version: number; content: string }): NotebookBlock[] {
  const key = `${notebook.id}:${notebook.version}`;
  const hit = parsed.get(key);
  // The content is compared too, so a row changed without a version bump is still read afresh.
  if (hit && hit.content === notebook.content) return hit.blocks;
  const blocks = parseNotebook(notebook.content);
  parsed.delete(key);
  parsed.set(key, { content: notebook.content, blocks });
  if (parsed.size > MAX_ENTRIES) parsed.delete(parsed.keys().next().value!);
  return blocks;
}

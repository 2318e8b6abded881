import { newBlockId } from "./block-id";
import { parseFences, parseNotebook, type ParsedFence } from "./parse-notebook";

export type WithBlockIdsOptions = {
  /** The notebook as saved before: a block that lost its id but kept its code gets that id back. */
  previous?: string;
  newId?: () => string;
};

/**
 * The Markdown with an id on every block: a block without a usable one (none, malformed, or an
 * earlier block's) gets ` id=…` at the end of its fence line, or its `id=` value replaced.
 * Nothing else in the text changes, so what the author wrote stays as written.
 */
export function withBlockIds(markdown: string, { previous, newId = newBlockId }: WithBlockIdsOptions = {}): string {
  const fences = parseFences(markdown);
  const missing = fences.filter(({ block }) => block.id === null);
  if (missing.length === 0) return markdown;

  const taken = new Set(fences.flatMap(({ block }) => (block.id ? [block.id] : [])));
  const reusable = previousIdsByContent(previous, taken);
  const lines = splitLines(markdown);
  for (const fence of missing) {
    let id = reusable.get(contentKey(fence))?.shift();
    while (id === undefined || taken.has(id)) id = newId();
    taken.add(id);
    const line = lines[fence.line - 1];
    if (line) line.text = withIdOnFenceLine(line.text, fence.writtenId, id);
  }
  return lines.map((line) => line.text + line.ending).join("");
}

function contentKey({ block }: Pick<ParsedFence, "block">): string {
  return JSON.stringify([block.kind, block.runtime ?? block.path ?? block.appType ?? "", block.code]);
}

function previousIdsByContent(previous: string | undefined, taken: Set<string>): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  for (const block of previous === undefined ? [] : parseNotebook(previous)) {
    if (!block.id || taken.has(block.id)) continue;
    const key = contentKey({ block });
    ids.set(key, [...(ids.get(key) ?? []), block.id]);
  }
  return ids;
}

// A written id that could not be kept is replaced where it stands (the last one, the one the
// parser read); otherwise the id goes at the end of the line, before any trailing blanks.
function withIdOnFenceLine(text: string, writtenId: string | undefined, id: string): string {
  if (writtenId !== undefined) {
    const last = [...text.matchAll(/(?<=[ \t])id=(?:"[^"]*"?|[^\s"])*/g)].at(-1);
    if (last?.index !== undefined) return text.slice(0, last.index) + `id=${id}` + text.slice(last.index + last[0].length);
  }
  const trimmed = text.replace(/[ \t]+$/, "");
  return `${trimmed} id=${id}${text.slice(trimmed.length)}`;
}

type Line = { text: string; ending: string };

// The same line endings micromark counts, so mdast's line numbers index this array.
function splitLines(markdown: string): Line[] {
  const lines: Line[] = [];
  const pattern = /\r\n|\r|\n/g;
  let start = 0;
  for (const match of markdown.matchAll(pattern)) {
    lines.push({ text: markdown.slice(start, match.index), ending: match[0] });
    start = match.index + match[0].length;
  }
  lines.push({ text: markdown.slice(start), ending: "" });
  return lines;
}

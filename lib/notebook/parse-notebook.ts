import type { Code, Parent } from "mdast";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { readBlockHeader } from "./block-header";
import { isBlockId } from "./block-id";
import { readExpectedOutput } from "./expected-output";
import type { LinePosition, NotebookBlock } from "./types";

export type { AppType, BlockKind, ExpectedOutput, MatchMode, NotebookBlock, OutputStream, Runtime } from "./types";

/** A block as parsed, with the `id=` its fence wrote (which the block keeps only when usable). */
export type ParsedFence = { block: NotebookBlock; writtenId: string | undefined; line: number };

// Front matter (front-matter.ts) is its own node, so a `---` block at the top is never read as Markdown.
const markdownParser = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkGfm);

// Browser and server both call this, so "block 3" means the same fence on both sides.
export function parseNotebook(markdown: string): NotebookBlock[] {
  return parseFences(markdown).map(({ block }) => block);
}

/**
 * The blocks in document order. A written id is the block's when it is well-formed and no
 * earlier block has it: of two pasted copies, the first keeps the id.
 */
export function parseFences(markdown: string): ParsedFence[] {
  const fences: ParsedFence[] = [];
  const seen = new Set<string>();
  // The runnable block an `output` fence belongs to: the one it follows, with only other output
  // fences of that block between them. Output fences are not blocks and take no number.
  const ownerOf = new Map<Code, NotebookBlock>();
  visit(markdownParser.parse(markdown), "code", (node, index, parent) => {
    if (node.lang === "output") {
      const owner = ownerBefore(ownerOf, parent, index);
      if (!owner) return;
      const expected = readExpectedOutput(node.meta, withUnixLineEndings(node.value));
      if (node.position) expected.position = positionOf(node.position);
      (owner.expected ??= []).push(expected);
      ownerOf.set(node, owner);
      return;
    }
    const header = readBlockHeader(node.lang, node.meta);
    if (!header) return;
    const { error, attrs, ...fields } = header;
    const { id: writtenId, ...otherAttrs } = attrs;
    const id = writtenId !== undefined && isBlockId(writtenId) && !seen.has(writtenId) ? writtenId : null;
    if (id) seen.add(id);
    const block: NotebookBlock = { index: fences.length, id, ...fields, attrs: otherAttrs, code: withUnixLineEndings(node.value) };
    if (error !== undefined) block.error = error;
    if (node.position) block.position = positionOf(node.position);
    if (block.kind === "runnable") ownerOf.set(node, block);
    fences.push({ block, writtenId, line: node.position?.start.line ?? 0 });
  });
  return fences;
}

function ownerBefore(ownerOf: Map<Code, NotebookBlock>, parent: Parent | undefined, index: number | undefined) {
  if (!parent || index === undefined || index === 0) return undefined;
  const previous = parent.children[index - 1];
  return previous?.type === "code" ? ownerOf.get(previous) : undefined;
}

function positionOf(position: { start: { line: number }; end: { line: number } }): LinePosition {
  return { startLine: position.start.line, endLine: position.end.line };
}

// mdast keeps "\r\n" inside code; the code runs on Linux, where a stray "\r" breaks scripts.
function withUnixLineEndings(code: string): string {
  return code.replace(/\r\n?/g, "\n");
}

import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { readBlockHeader } from "./block-header";
import type { NotebookBlock } from "./types";

export type { AppType, BlockKind, NotebookBlock, Runtime } from "./types";

const markdownParser = unified().use(remarkParse).use(remarkGfm);

// Browser and server both call this, so "block 3" means the same fence on both sides.
export function parseNotebook(markdown: string): NotebookBlock[] {
  const blocks: NotebookBlock[] = [];
  visit(markdownParser.parse(markdown), "code", (node) => {
    const header = readBlockHeader(node.lang, node.meta);
    if (!header) return;
    const { error, ...fields } = header;
    const block: NotebookBlock = { index: blocks.length, ...fields, code: withUnixLineEndings(node.value) };
    if (error !== undefined) block.error = error;
    if (node.position) block.position = { startLine: node.position.start.line, endLine: node.position.end.line };
    blocks.push(block);
  });
  return blocks;
}

// mdast keeps "\r\n" inside code; the code runs on Linux, where a stray "\r" breaks scripts.
function withUnixLineEndings(code: string): string {
  return code.replace(/\r\n?/g, "\n");
}

import type { Heading, Nodes } from "mdast";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";

/** One heading of a notebook: what a table of contents lists and links to. */
export type OutlineHeading = { depth: number; text: string; slug: string; line: number };

export const UNTITLED = "Untitled notebook";
const MAX_TITLE_LENGTH = 200;

// Front matter is its own node: its closing `---` never makes a setext heading of the settings.
const markdownParser = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkGfm);

/**
 * Every heading in document order, with a slug unique in the notebook (GitHub's rule, written
 * here: lower case, punctuation dropped, spaces to hyphens, `-1`, `-2`… for repeats). Headings
 * inside code fences are code, not headings. Browser and server read the same text the same way.
 */
export function notebookOutline(markdown: string): OutlineHeading[] {
  const headings: OutlineHeading[] = [];
  const used = new Map<string, number>();
  visit(markdownParser.parse(markdown), "heading", (node: Heading) => {
    const text = plainText(node).replace(/\s+/g, " ").trim();
    if (!text) return;
    const base = slugOf(text) || "section";
    const seen = used.get(base) ?? 0;
    used.set(base, seen + 1);
    headings.push({ depth: node.depth, text, slug: seen === 0 ? base : `${base}-${seen}`, line: node.position?.start.line ?? 0 });
  });
  return headings;
}

/** The notebook's title while its author has not set one: its first `#` heading, or "Untitled notebook". */
export function headingTitle(markdown: string): string {
  const first = notebookOutline(markdown).find((heading) => heading.depth === 1);
  if (!first) return UNTITLED;
  return first.text.length > MAX_TITLE_LENGTH ? `${first.text.slice(0, MAX_TITLE_LENGTH - 1)}…` : first.text;
}

function plainText(node: Nodes): string {
  if ("value" in node && typeof node.value === "string") return node.value;
  if ("children" in node) return (node.children as Nodes[]).map(plainText).join("");
  return "";
}

function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

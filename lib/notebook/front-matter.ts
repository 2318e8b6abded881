import type { Root, Yaml } from "mdast";
import remarkFrontmatter from "remark-frontmatter";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { parse as parseYaml } from "yaml";

// A notebook's settings live in YAML front matter at the top of its Markdown, the convention
// Quarto, MyST and Jekyll share:
//
//   ---
//   state: shared      # kernels keep state from block to block (the default)
//   ---
//
// `state: isolated` runs every block in a fresh process, as Runnel did before kernels.

export const NOTEBOOK_STATES = ["shared", "isolated"] as const;
export type NotebookState = (typeof NOTEBOOK_STATES)[number];

export type NotebookSettings = {
  state: NotebookState;
  /** A sentence for the author when the front matter could not be read as written. */
  error?: string;
};

export const DEFAULT_NOTEBOOK_STATE: NotebookState = "shared";

const frontMatterParser = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]);

/** The front matter node of a parsed tree, when the document starts with one. */
export function frontMatterOf(tree: Root): Yaml | undefined {
  const first = tree.children[0];
  return first?.type === "yaml" ? first : undefined;
}

/**
 * The part of the document that can hold front matter (it must open on the first line), or
 * undefined when there is none: every run reads the settings, and parsing the whole notebook for
 * them cost a full Markdown parse per run.
 */
function frontMatterHead(markdown: string): string | undefined {
  if (!/^---[ \t]*\r?\n/.test(markdown)) return undefined;
  const close = /\r?\n---[ \t]*(?:\r?\n|$)/.exec(markdown.slice(3));
  return close ? markdown.slice(0, 3 + close.index + close[0].length) : markdown;
}

export function readNotebookSettings(markdown: string): NotebookSettings {
  const head = frontMatterHead(markdown);
  if (head === undefined) return { state: DEFAULT_NOTEBOOK_STATE };
  const node = frontMatterOf(frontMatterParser.parse(head));
  if (!node) return { state: DEFAULT_NOTEBOOK_STATE };
  let value: unknown;
  try {
    value = parseYaml(node.value, { maxAliasCount: 0 });
  } catch {
    return { state: DEFAULT_NOTEBOOK_STATE, error: "The front matter is not valid YAML, so this notebook uses state: shared." };
  }
  if (value === null || value === undefined) return { state: DEFAULT_NOTEBOOK_STATE };
  if (typeof value !== "object" || Array.isArray(value)) {
    return { state: DEFAULT_NOTEBOOK_STATE, error: "The front matter must be a list of `key: value` settings." };
  }
  const state = (value as Record<string, unknown>).state;
  if (state === undefined) return { state: DEFAULT_NOTEBOOK_STATE };
  if (state === "shared" || state === "isolated") return { state };
  return {
    state: DEFAULT_NOTEBOOK_STATE,
    error: `The front matter says state: ${JSON.stringify(state)}; it must be shared or isolated, so this notebook uses shared.`,
  };
}

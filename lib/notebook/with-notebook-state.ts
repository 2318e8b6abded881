import remarkFrontmatter from "remark-frontmatter";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { isMap, parseDocument } from "yaml";
import { frontMatterOf, type NotebookState } from "./front-matter";

const frontMatterParser = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]);

/**
 * The notebook with its front matter saying `state: <state>`: the key is set in place (other
 * keys, their order and comments kept, through yaml's Document), or a front matter is added at
 * the top when there is none. Throws a sentence when the front matter cannot be edited safely.
 */
export function withNotebookState(markdown: string, state: NotebookState): string {
  const node = frontMatterOf(frontMatterParser.parse(markdown));
  const start = node?.position?.start.offset;
  const end = node?.position?.end.offset;
  if (!node || start === undefined || end === undefined) return `---\nstate: ${state}\n---\n\n${markdown}`;
  const doc = parseDocument(node.value);
  if (doc.errors.length > 0) throw new Error("The front matter is not valid YAML: fix it before switching the mode.");
  if (doc.contents !== null && !isMap(doc.contents)) throw new Error("The front matter must be a list of `key: value` settings: fix it before switching the mode.");
  doc.set("state", state);
  return `${markdown.slice(0, start)}---\n${doc.toString()}---${markdown.slice(end)}`;
}

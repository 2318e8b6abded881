import { tokenizeInfoString } from "./info-string";
import { resolveAppType, resolveRuntime } from "./runtime-names";
import { APP_TYPES, RUNTIMES, type BlockKind, type NotebookBlock } from "./types";
import { normaliseWorkspacePath } from "./workspace-path";

export type BlockHeader = Omit<NotebookBlock, "index" | "id" | "code" | "position">;

const REQUIRED_WORDS: Record<BlockKind, number> = { runnable: 1, file: 2, webapp: 1 };

// Reads a fence's info string (mdast splits it into `lang` and `meta`). Returns null for any fence
// that is not a block. The required words come first; every later token is an attribute, and a
// later bare word is kept as a flag whose value is "true".
export function readBlockHeader(lang: string | null | undefined, meta: string | null | undefined): BlockHeader | null {
  if (lang !== "runnable" && lang !== "file" && lang !== "webapp") return null;
  const tokens = tokenizeInfoString(meta ?? "");
  const words: string[] = [];
  const attrs: Record<string, string> = {};
  for (const [position, token] of tokens.entries()) {
    // Required words are only the leading ones: once anything else appears, they are over.
    const required = token.type === "word" && position === words.length && words.length < REQUIRED_WORDS[lang];
    if (required) words.push(token.value);
    else if (token.type === "word") setAttr(attrs, token.value, "true");
    else setAttr(attrs, token.key, token.value);
  }
  if (lang === "runnable") return runnableHeader(words, attrs);
  if (lang === "file") return fileHeader(words, attrs);
  return webappHeader(words, attrs);
}

function runnableHeader([word = ""]: string[], attrs: Record<string, string>): BlockHeader {
  if (word === "") return { kind: "runnable", attrs, error: 'A runnable block needs a runtime, e.g. "runnable python".' };
  const runtime = resolveRuntime(word);
  if (!runtime) return { kind: "runnable", attrs, error: `Unknown runtime "${word}"; use ${listOf(RUNTIMES)}.` };
  return { kind: "runnable", runtime, attrs };
}

function fileHeader([lang = "", rawPath]: string[], attrs: Record<string, string>): BlockHeader {
  const example = 'e.g. "file python src/app.py"';
  if (lang === "") return { kind: "file", attrs, error: `A file block needs a language and a path, ${example}.` };
  if (rawPath === undefined) {
    return { kind: "file", lang, attrs, error: `A file block needs a path after the language, ${example}.` };
  }
  const path = normaliseWorkspacePath(rawPath);
  if (!path.ok) return { kind: "file", lang, attrs, error: path.error };
  return { kind: "file", path: path.path, lang, attrs };
}

function webappHeader([word = ""]: string[], attrs: Record<string, string>): BlockHeader {
  if (word === "") return { kind: "webapp", attrs, error: 'A webapp block needs an app type, e.g. "webapp gradio".' };
  const appType = resolveAppType(word);
  if (!appType) return { kind: "webapp", attrs, error: `Unknown app type "${word}"; use ${listOf(APP_TYPES)}.` };
  return { kind: "webapp", appType, attrs };
}

// defineProperty so a key such as "__proto__" stays an ordinary attribute; the last duplicate wins.
function setAttr(attrs: Record<string, string>, key: string, value: string): void {
  Object.defineProperty(attrs, key, { value, enumerable: true, writable: true, configurable: true });
}

function listOf(names: readonly string[]): string {
  return `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

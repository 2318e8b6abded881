import { readBlockHeader } from "@/lib/notebook/block-header";

/** What to highlight a fence's code as: a language name (or alias) and, for file blocks, a file name. */
export type FenceLanguage = { name?: string; filename?: string };

// Runtimes whose name is not the highlighter's name for their language.
const RUNTIME_LANGUAGE: Record<string, string> = { node: "javascript", bash: "shell" };
const APP_LANGUAGE: Record<string, string> = { gradio: "python", streamlit: "python", fastapi: "python", static: "html", docker: "dockerfile" };

/**
 * The language of a fence from its info string. Runnel's own fences name the language after the
 * block kind (`runnable python`, `file csv data/x.csv`, `webapp static`); any other fence names it
 * first, as in plain Markdown.
 */
export function fenceLanguage(info: string): FenceLanguage {
  const trimmed = info.trim();
  const [lang = "", ...rest] = trimmed.split(/\s+/);
  const header = readBlockHeader(lang, rest.join(" ") || null);
  if (!header) return lang ? { name: lang.toLowerCase() } : {};
  if (header.kind === "runnable" && header.runtime) return { name: RUNTIME_LANGUAGE[header.runtime] ?? header.runtime };
  if (header.kind === "webapp" && header.appType) return { name: APP_LANGUAGE[header.appType] };
  if (header.kind === "file") {
    const name = header.lang && header.lang !== "text" ? header.lang.toLowerCase() : undefined;
    return { ...(name ? { name } : {}), ...(header.path ? { filename: header.path.split("/").pop() } : {}) };
  }
  return {};
}

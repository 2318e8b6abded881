import type { Completion, CompletionContext, CompletionResult, CompletionSource } from "@codemirror/autocomplete";
import { syntaxTree } from "@codemirror/language";
import type { EditorState } from "@uiw/react-codemirror";
import type { KernelCompletion } from "@/lib/client/complete-in-kernel";
import { readBlockHeader } from "@/lib/notebook/block-header";
import { KERNEL_RUNTIMES, type KernelRuntime } from "@/lib/notebook/run-mode";

export type CompleteInKernel = (runtime: KernelRuntime, code: string, cursor: number, signal: AbortSignal) => Promise<KernelCompletion | null>;

type KernelBlock = { runtime: KernelRuntime; code: string; codeFrom: number };

/** The runnable block of a kernel language whose code holds pos, read from the Markdown syntax tree. */
export function kernelBlockAt(state: EditorState, pos: number): KernelBlock | null {
  for (let node: ReturnType<ReturnType<typeof syntaxTree>["resolve"]> | null = syntaxTree(state).resolve(pos, -1); node; node = node.parent) {
    if (node.name !== "FencedCode") continue;
    const info = node.getChild("CodeInfo");
    const text = node.getChild("CodeText");
    if (!info || !text || pos < text.from || pos > text.to) return null;
    const [lang = "", ...rest] = state.sliceDoc(info.from, info.to).trim().split(/\s+/);
    const header = readBlockHeader(lang, rest.join(" ") || null);
    const runtime = header?.kind === "runnable" ? header.runtime : undefined;
    if (!runtime || !(KERNEL_RUNTIMES as readonly string[]).includes(runtime)) return null;
    return { runtime: runtime as KernelRuntime, code: state.sliceDoc(text.from, text.to), codeFrom: text.from };
  }
  return null;
}

// The kernels' own kinds of match (IPython's experimental types, …) → CodeMirror's icons; any
// other word from a kernel is dropped rather than becoming a CSS class name.
const ICONS: Record<string, string> = {
  function: "function",
  class: "class",
  module: "namespace",
  instance: "variable",
  statement: "variable",
  param: "variable",
  keyword: "keyword",
  magic: "keyword",
  property: "property",
  path: "text",
};

/**
 * A CodeMirror completion source that asks the session's kernel, inside runnable blocks of a
 * kernel language. Labels are plain text (CodeMirror draws them as text nodes, never as HTML).
 */
export function kernelCompletionSource(complete: CompleteInKernel): CompletionSource {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const block = kernelBlockAt(context.state, context.pos);
    if (!block) return null;
    if (!context.explicit && !context.matchBefore(/[\w$.]$/)) return null;
    const controller = new AbortController();
    context.addEventListener("abort", () => controller.abort());
    const reply = await complete(block.runtime, block.code, context.pos - block.codeFrom, controller.signal);
    if (!reply || context.aborted) return null;
    const options: Completion[] = reply.matches.map(({ text, type }) => ({ label: text, ...(type && ICONS[type] ? { type: ICONS[type] } : {}) }));
    return { from: block.codeFrom + reply.from, to: block.codeFrom + reply.to, options, validFor: /^[\w$]*$/ };
  };
}

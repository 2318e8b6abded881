"use client";

import { ParseContext } from "@codemirror/language";
import { markdown, markdownLanguage } from "@codemirror/lang-markdown";
import { languages } from "@codemirror/language-data";
import { parseCode } from "@lezer/markdown";
import CodeMirror, { EditorState, EditorView, keymap, Prec } from "@uiw/react-codemirror";
import { useEffect, useMemo, useRef, useState } from "react";
import { fenceLanguage } from "@/lib/client/fence-language";
import { usePrefersDark } from "@/lib/client/use-prefers-dark";
import { kernelCompletionSource, type CompleteInKernel } from "./kernel-completion-source";

type Props = {
  value: string;
  onChange: (value: string) => void;
  /** Shift+Enter: run the block whose fence holds the cursor (1-based line). */
  onRunAtLine: (line: number) => void;
  /** Completion from the session's kernel inside runnable blocks (basicSetup's autocompletion asks it). */
  complete?: CompleteInKernel;
};

const byName = new Map(languages.flatMap((language) => [language.name, ...language.alias].map((name) => [name.toLowerCase(), language] as const)));

function codeLanguage(info: string) {
  const { name, filename } = fenceLanguage(info);
  const found = name ? byName.get(name) : undefined;
  if (found) return found;
  if (!filename) return null;
  return languages.find((language) => language.extensions.some((extension) => filename.endsWith(`.${extension}`))) ?? null;
}

// lang-markdown's own `codeLanguages` sees only the info string's first word ("runnable"), so the
// fences are parsed here from the whole info string. language-data loads a grammar on first use;
// until then the fence is skipped and re-parsed when it arrives.
const fencedCode = parseCode({
  codeParser(info) {
    const language = codeLanguage(info);
    if (!language) return null;
    return language.support ? language.support.language.parser : ParseContext.getSkippingParser(language.load());
  },
});

// A value from outside (the server's ids on new blocks, their copy in a conflict) is applied as
// the smallest change, so the cursor and the undo history stay where the author left them.
function syncDoc(view: EditorView, value: string): void {
  const current = view.state.doc.toString();
  if (current === value) return;
  let start = 0;
  while (start < current.length && start < value.length && current[start] === value[start]) start++;
  let end = 0;
  while (end < current.length - start && end < value.length - start && current[current.length - 1 - end] === value[value.length - 1 - end]) end++;
  view.dispatch({ changes: { from: start, to: current.length - end, insert: value.slice(start, value.length - end) } });
}

// The page's focus ring, drawn inside: the rounded frame around the editor clips anything drawn
// outside it, CodeMirror's own 1px dotted outline included, so focus in the editor was invisible.
const focusRing = EditorView.theme({ "&.cm-focused": { outline: "2px solid var(--color-emerald-600)", outlineOffset: "-2px" } });

// One source object for the editor's life: autocompletion tells sources apart by identity, and a
// new one at every update would be asked again at every update.
function kernelCompletion(complete: CompleteInKernel) {
  const data = [{ autocomplete: kernelCompletionSource(complete) }];
  return EditorState.languageData.of(() => data);
}

export function NotebookEditor({ value, onChange, onRunAtLine, complete }: Props) {
  // CodeMirror owns the document after the first render; later values arrive through syncDoc.
  const [initialValue] = useState(value);
  // CodeMirror draws its own colours: its dark theme when the page is dark.
  const dark = usePrefersDark();
  const view = useRef<EditorView | null>(null);
  useEffect(() => {
    if (view.current) syncDoc(view.current, value);
  }, [value]);
  const extensions = useMemo(
    () => [
      markdown({ base: markdownLanguage, extensions: fencedCode }),
      EditorView.lineWrapping,
      focusRing,
      ...(complete ? [kernelCompletion(complete)] : []),
      Prec.highest(
        keymap.of([
          {
            key: "Shift-Enter",
            run: (view) => {
              onRunAtLine(view.state.doc.lineAt(view.state.selection.main.head).number);
              return true;
            },
          },
        ]),
      ),
    ],
    [onRunAtLine, complete],
  );
  return (
    <CodeMirror
      data-testid="notebook-editor"
      aria-label="Notebook source"
      value={initialValue}
      onChange={onChange}
      extensions={extensions}
      onCreateEditor={(created) => {
        view.current = created;
        // bench/notebook-page.ts reads this User Timing mark: when typing can start.
        performance.mark("runnel:editor-ready");
        syncDoc(created, value);
      }}
      // Tab moves focus on, as CodeMirror's accessibility guidance asks unless the author opts in to indenting.
      indentWithTab={false}
      theme={dark ? "dark" : "light"}
      basicSetup={{ foldGutter: false }}
      height="100%"
      className="h-full overflow-hidden rounded-lg border border-stone-300 text-sm"
    />
  );
}

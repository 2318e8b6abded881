"use client";

import { ParseContext } from "@codemirror/language";
import { markdown, markdownLanguage } from "@codemirror/lang-markdown";
import { languages } from "@codemirror/language-data";
import { parseCode } from "@lezer/markdown";
import CodeMirror, { EditorView, keymap, Prec } from "@uiw/react-codemirror";
import { useMemo } from "react";
import { fenceLanguage } from "@/lib/client/fence-language";

type Props = {
  value: string;
  onChange: (value: string) => void;
  /** Shift+Enter: run the block whose fence holds the cursor (1-based line). */
  onRunAtLine: (line: number) => void;
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

// bench/notebook-page.ts reads this User Timing mark: when typing can start.
const markEditorReady = () => performance.mark("runnel:editor-ready");

export function NotebookEditor({ value, onChange, onRunAtLine }: Props) {
  const extensions = useMemo(
    () => [
      markdown({ base: markdownLanguage, extensions: fencedCode }),
      EditorView.lineWrapping,
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
    [onRunAtLine],
  );
  return (
    <CodeMirror
      data-testid="notebook-editor"
      aria-label="Notebook source"
      value={value}
      onChange={onChange}
      extensions={extensions}
      onCreateEditor={markEditorReady}
      basicSetup={{ foldGutter: false }}
      height="100%"
      className="h-full overflow-hidden rounded-lg border border-stone-300 text-sm"
    />
  );
}

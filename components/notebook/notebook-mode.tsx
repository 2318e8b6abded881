"use client";

import type { NotebookSettings, NotebookState } from "@/lib/notebook/front-matter";

const EXPLAIN: Record<NotebookState, string> = {
  shared: "Blocks share state: a kernel per language keeps variables from block to block, and running a block first runs the stale blocks above it.",
  isolated: "Each block runs alone in a fresh process: nothing carries over from one block to the next but the workspace's files.",
};

const LABEL: Record<NotebookState, string> = { shared: "Shared state", isolated: "Isolated blocks" };

type Props = {
  settings: NotebookSettings;
  /** Writes the mode into the front matter; absent for readers who may not edit. */
  onSwitch?: (state: NotebookState) => void;
};

/** The notebook's mode (front matter `state:`), and for editors the switch between the two. */
export function NotebookMode({ settings, onSwitch }: Props) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="notebook-mode" data-state={settings.state}>
      {onSwitch ? (
        <div role="radiogroup" aria-label="Notebook mode" className="flex overflow-hidden rounded-md border border-stone-300">
          {(["shared", "isolated"] as const).map((state) => (
            <button
              key={state}
              type="button"
              role="radio"
              aria-checked={settings.state === state}
              data-testid={`mode-${state}`}
              title={EXPLAIN[state]}
              onClick={() => settings.state !== state && onSwitch(state)}
              className="px-2.5 py-0.5 aria-checked:bg-stone-800 aria-checked:text-white"
            >
              {LABEL[state]}
            </button>
          ))}
        </div>
      ) : (
        <span title={EXPLAIN[settings.state]} className="rounded-full bg-stone-200 px-2.5 py-0.5 font-medium text-stone-700">
          {LABEL[settings.state]}
        </span>
      )}
      <span className="sr-only">{EXPLAIN[settings.state]}</span>
      {settings.error && (
        <span role="alert" data-testid="mode-error" className="text-amber-800">
          {settings.error}
        </span>
      )}
    </div>
  );
}

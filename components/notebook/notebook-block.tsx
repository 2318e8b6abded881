"use client";

import type { NotebookBlock } from "@/lib/notebook/parse-notebook";
import type { KeyboardEvent } from "react";
import { cancelRun } from "@/lib/client/run-actions";
import { useRunStore } from "@/lib/client/run-store";
import { BlockOutput } from "./block-output";
import { ExpectedOutputCheck } from "./expected-output-check";
import { WebappBlockPanel } from "./webapp-block-panel";

type Props = {
  block: NotebookBlock;
  notebookId: string;
  /** Runs a block; absent when the reader may not run this notebook (no Run button then). */
  onRun?: (blockIndex: number) => void;
  /** May deploy, stop and redeploy the notebook's web apps (needs edit rights). */
  canManageApps: boolean;
};

const badge = "rounded-full px-2 py-0.5 text-xs font-medium";

export function NotebookBlockView({ block, notebookId, onRun, canManageApps }: Props) {
  // Until the store is reset for this notebook it may still hold the previous one's runs.
  const run = useRunStore((state) => (state.notebookId === notebookId ? state.runs[block.index] : undefined));
  const running = run?.status === "running";
  const runnable = block.kind === "runnable" && !block.error && onRun !== undefined;

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key !== "Enter" || !event.shiftKey || !runnable || running) return;
    event.preventDefault();
    onRun(block.index);
  }

  return (
    <section
      data-testid={`block-${block.index}`}
      aria-label={`Block ${block.index}`}
      tabIndex={runnable ? 0 : undefined}
      onKeyDown={runnable ? onKeyDown : undefined}
      className="my-5 overflow-hidden rounded-lg border border-stone-200 bg-white focus:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600"
    >
      <header className="flex items-center justify-between gap-3 border-b border-stone-200 bg-stone-50 px-3 py-1.5 text-sm">
        <span className="flex items-center gap-2">
          {block.kind === "runnable" && <span className={`${badge} bg-sky-100 text-sky-800`}>{block.runtime ?? "runnable"}</span>}
          {block.kind === "file" && (
            <>
              <span className={`${badge} bg-amber-100 text-amber-800`}>file</span>
              <code className="text-stone-700">{block.path}</code>
            </>
          )}
          {block.kind === "webapp" && (
            <>
              <span className={`${badge} bg-violet-100 text-violet-800`}>webapp</span>
              <span className="text-stone-700">{block.appType}</span>
            </>
          )}
          {block.attrs.name && <span className="text-stone-500">{block.attrs.name}</span>}
        </span>
        {runnable && (
          <span className="flex gap-2">
            {running && run.executionId && (
              <button
                type="button"
                data-testid={`cancel-${block.index}`}
                onClick={() => void cancelRun(run.executionId!)}
                className="rounded-md border border-stone-300 px-3 py-0.5 hover:bg-stone-100"
              >
                Cancel
              </button>
            )}
            <button
              type="button"
              data-testid={`run-${block.index}`}
              disabled={running}
              onClick={() => onRun(block.index)}
              className="rounded-md bg-emerald-700 px-3 py-0.5 font-medium text-white hover:bg-emerald-600 disabled:opacity-60"
            >
              {running ? "Running…" : "Run"}
            </button>
          </span>
        )}
      </header>
      {block.error && (
        <p role="alert" data-testid={`block-error-${block.index}`} className="bg-red-50 px-3 py-1.5 text-sm text-red-800">
          {block.error}
        </p>
      )}
      <pre className="overflow-x-auto p-3 text-sm">
        <code>{block.code}</code>
      </pre>
      {block.kind === "webapp" && !block.error && <WebappBlockPanel notebookId={notebookId} blockIndex={block.index} canManage={canManageApps} />}
      {run && <BlockOutput index={block.index} run={run} />}
      {run?.exit && block.expected && <ExpectedOutputCheck index={block.index} expected={block.expected} run={run} />}
    </section>
  );
}

"use client";

import type { NotebookBlock } from "@/lib/notebook/parse-notebook";
import type { KeyboardEvent } from "react";
import { codeFingerprint } from "@/lib/notebook/code-fingerprint";
import type { NotebookState } from "@/lib/notebook/front-matter";
import { runsInFreshProcess } from "@/lib/notebook/run-mode";
import { blockKey } from "@/lib/notebook/find-block";
import { publishedNote } from "@/lib/client/published-runs";
import { cancelRun } from "@/lib/client/run-actions";
import { useRunStore, type BlockRun } from "@/lib/client/run-store";
import { staleMarkOf } from "@/lib/client/stale-mark";
import { BlockOutput } from "./block-output";
import { ExpectedOutputCheck } from "./expected-output-check";
import { WebappBlockPanel } from "./webapp-block-panel";

type Props = {
  block: NotebookBlock;
  /** Every block of the notebook: a block's output is stale by what ran above it. */
  blocks: readonly NotebookBlock[];
  /** The notebook's mode: in a shared one, a block that runs alone says so, and stale outputs are marked. */
  state: NotebookState;
  notebookId: string;
  /** Runs a block; absent when the reader may not run this notebook (no Run button then). */
  onRun?: (block: NotebookBlock) => void;
  /** May deploy, stop and redeploy the notebook's web apps (needs edit rights). */
  canManageApps: boolean;
  /** False until the page may ask for the notebook's apps. */
  appsReady?: boolean;
};

const badge = "rounded-full px-2 py-0.5 text-xs font-medium";

function staleReason(run: BlockRun, code: string, sessionEnded: boolean): string | undefined {
  if (run.codeFingerprint !== undefined && run.codeFingerprint !== codeFingerprint(code)) {
    return "The code has changed since this output: run the block again to see what it prints now.";
  }
  // A published output never had a session of this reader's.
  if (sessionEnded && !run.published) return "The session that made this output has ended: run the block again to refresh it.";
  return undefined;
}

export function NotebookBlockView({ block, blocks, state, notebookId, onRun, canManageApps, appsReady = true }: Props) {
  // Until the store is reset for this notebook it may still hold the previous one's runs.
  const run = useRunStore((state) => (state.notebookId === notebookId ? state.runs[blockKey(block)] : undefined));
  const running = run?.status === "running";
  const queued = run?.status === "queued";
  const sessionEnded = useRunStore((state) => state.session.status === "none" || state.session.status === "ended");
  // The server's rule, on the runs this page knows: what the next Run would run again first.
  const chainStale = useRunStore((store) =>
    store.notebookId === notebookId ? staleMarkOf(block, blocks, state, store.runs, store.kernelRestarts, store.session.kernels) : undefined,
  );
  // A published output is the author's, with its own note: it never ran in this reader's session, so the chain's rule does not apply to it.
  const chainReason = run?.published ? undefined : chainStale && `Out of date: ${chainStale} Running it runs any stale block above it first.`;
  const stale = run?.status !== "finished" ? undefined : (staleReason(run, block.code, sessionEnded) ?? chainReason);
  const runnable = block.kind === "runnable" && !block.error && onRun !== undefined;

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key !== "Enter" || !event.shiftKey || !runnable || running || queued) return;
    event.preventDefault();
    onRun(block);
  }

  return (
    <section
      data-testid={`block-${block.index}`}
      data-block-id={block.id ?? undefined}
      data-block-index={block.index}
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
          {block.kind === "runnable" && block.runtime && state === "shared" && runsInFreshProcess(state, block) && (
            <span data-testid={`fresh-process-${block.index}`} className="text-xs text-stone-500">
              {block.attrs.isolated === "true" ? "runs alone in a fresh process" : "one-shot: compiled and run on its own, no shared state"}
            </span>
          )}
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
              disabled={running || queued}
              onClick={() => onRun(block)}
              className="rounded-md bg-emerald-700 px-3 py-0.5 font-medium text-white hover:bg-emerald-600 disabled:opacity-60"
            >
              {running ? "Running…" : queued ? "Queued…" : "Run"}
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
      {block.kind === "webapp" && !block.error && block.id && <WebappBlockPanel notebookId={notebookId} blockId={block.id} blockIndex={block.index} canManage={canManageApps} code={block.code} ready={appsReady} />}
      {run?.published && (
        <p data-testid={`published-${block.index}`} className="border-t border-stone-200 bg-sky-50 px-3 py-1 text-xs text-sky-900">
          {publishedNote(run.published)}
          {runnable && " Run the block to see your own."}
        </p>
      )}
      {queued && (
        <p data-testid={`queued-${block.index}`} role="status" className="border-t border-stone-200 bg-stone-50 px-3 py-1.5 text-sm text-stone-600">
          Queued: this block runs once the stale blocks before it in the chain have run.
        </p>
      )}
      {queued && run.previous && (
        <div className="opacity-50">
          <BlockOutput index={block.index} runKey={blockKey(block)} run={run.previous} />
        </div>
      )}
      {run && !queued && <BlockOutput index={block.index} runKey={blockKey(block)} run={run} stale={stale} />}
      {run?.exit && block.expected && <ExpectedOutputCheck index={block.index} expected={block.expected} run={run} />}
    </section>
  );
}

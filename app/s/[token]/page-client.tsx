"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useState } from "react";
import { NotebookMarkdown } from "@/components/notebook/notebook-markdown";
import { RunAllReport } from "@/components/notebook/run-all-report";
import { SessionBar } from "@/components/notebook/session-bar";
import { ShortcutsSheet } from "@/components/notebook/shortcuts-sheet";
import { TableOfContents } from "@/components/notebook/table-of-contents";
import { publishedRuns, type PublishedView } from "@/lib/client/published-runs";
import { adoptSession, cancelAllRuns, runAll, runBlock, savedCodes, type RunAllOutcome, type RunTarget, type SessionSummary } from "@/lib/client/run-actions";
import { notebookOutline } from "@/lib/notebook/outline";
import { parseNotebook } from "@/lib/notebook/parse-notebook";
import { useRunStore } from "@/lib/client/run-store";
import { useRestoredRuns } from "@/lib/client/use-restored-runs";
import { rememberShareLink } from "./remember-share-link";

type Props = {
  token: string;
  notebook: { id: string; title: string; content: string; version: number; role: string };
  canRun: boolean;
  runNeedsSignIn: boolean;
  signInHref: string;
  published: PublishedView | null;
  session: SessionSummary | null;
};

export function SharedNotebookClient({ token, notebook, canRun, runNeedsSignIn, signInHref, published, session }: Props) {
  const { id, version } = notebook;
  // The link's cookie must be in place before this page's first API call (runs, apps).
  const [ready, setReady] = useState(false);
  const [runningAll, setRunningAll] = useState<AbortController | null>(null);
  const [runAllOutcome, setRunAllOutcome] = useState<RunAllOutcome | null>(null);

  useEffect(() => {
    useRunStore.getState().reset(id);
    // What the authors published shows until the reader runs a block themselves.
    useRunStore.getState().restoreRuns(publishedRuns(published));
  }, [id, published]);

  useEffect(() => {
    void rememberShareLink(token).then(() => {
      setReady(true);
      if (canRun) adoptSession(session);
    });
  }, [canRun, id, token, session]);
  // A reload (or a second visit) shows the reader's own runs in their session again, and follows those still going.
  useRestoredRuns(id);

  const outline = useMemo(() => notebookOutline(notebook.content), [notebook.content]);
  const run = useCallback((block: RunTarget) => void runBlock(id, block, version, savedCodes(notebook.content)), [id, version, notebook.content]);
  const runEverything = useCallback(async () => {
    const controller = new AbortController();
    setRunningAll(controller);
    setRunAllOutcome(null);
    const blocks = parseNotebook(notebook.content).filter((block) => block.kind === "runnable" && !block.error);
    try {
      setRunAllOutcome(await runAll(id, blocks, version, controller.signal));
    } finally {
      setRunningAll(null);
    }
  }, [id, notebook.content, version]);

  return (
    <main className="mx-auto max-w-4xl px-6 py-8">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">{notebook.title}</h1>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span data-testid="notebook-role" className="rounded-full bg-stone-100 px-2 py-0.5 text-stone-600">
            {notebook.role}
          </span>
          <ShortcutsSheet />
          {canRun && ready && (
            <button
              type="button"
              data-testid="run-all"
              disabled={runningAll !== null}
              onClick={() => void runEverything()}
              className="rounded-md bg-emerald-700 px-3 py-0.5 font-medium text-white hover:bg-emerald-600 disabled:opacity-60"
            >
              {runningAll ? "Running all…" : "Run all"}
            </button>
          )}
          {runningAll && (
            <button
              type="button"
              data-testid="cancel-all"
              onClick={() => {
                runningAll.abort();
                void cancelAllRuns();
              }}
              className="rounded-md border border-stone-300 px-3 py-0.5 hover:bg-stone-100"
            >
              Cancel all
            </button>
          )}
          {canRun && ready && <SessionBar notebookId={id} />}
        </div>
      </div>
      {runNeedsSignIn && (
        <p className="mt-4 rounded-lg border border-sky-200 bg-sky-50 px-4 py-2 text-sm text-sky-900">
          <Link href={signInHref} className="underline">
            Sign in
          </Link>{" "}
          to run these blocks, each in a sandbox of your own.
        </p>
      )}
      <RunAllReport outcome={runAllOutcome} />
      <TableOfContents outline={outline} />
      <NotebookMarkdown notebookId={id} content={notebook.content} onRun={canRun && ready ? run : undefined} canManageApps={false} appsReady={ready} />
    </main>
  );
}

"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { NotebookMarkdown } from "@/components/notebook/notebook-markdown";
import { SessionBar } from "@/components/notebook/session-bar";
import { loadSession, runBlock, savedCodes, type RunTarget } from "@/lib/client/run-actions";
import { useRunStore } from "@/lib/client/run-store";
import { rememberShareLink } from "./remember-share-link";

type Props = {
  token: string;
  notebook: { id: string; title: string; content: string; version: number; role: string };
  canRun: boolean;
  runNeedsSignIn: boolean;
};

export function SharedNotebookClient({ token, notebook, canRun, runNeedsSignIn }: Props) {
  const { id, version } = notebook;
  const [ready, setReady] = useState(!canRun);

  useEffect(() => {
    if (!canRun) return;
    useRunStore.getState().reset(id);
    // The link's cookie must be in place before this page's first API call.
    void rememberShareLink(token).then(() => {
      setReady(true);
      void loadSession(id);
    });
  }, [canRun, id, token]);

  const run = useCallback((block: RunTarget) => void runBlock(id, block, version, savedCodes(notebook.content)), [id, version, notebook.content]);

  return (
    <main className="mx-auto max-w-4xl px-6 py-8">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">{notebook.title}</h1>
        <div className="flex items-center gap-3 text-sm">
          <span data-testid="notebook-role" className="rounded-full bg-stone-100 px-2 py-0.5 text-stone-600">
            {notebook.role}
          </span>
          {canRun && ready && <SessionBar notebookId={id} />}
        </div>
      </div>
      {runNeedsSignIn && (
        <p className="mt-4 rounded-lg border border-sky-200 bg-sky-50 px-4 py-2 text-sm text-sky-900">
          <Link href="/login" className="underline">
            Sign in
          </Link>{" "}
          to run these blocks, each in a sandbox of your own.
        </p>
      )}
      <NotebookMarkdown notebookId={id} content={notebook.content} onRun={canRun && ready ? run : undefined} canManageApps={false} />
    </main>
  );
}

"use client";

import { useEffect } from "react";
import { NotebookMarkdown } from "@/components/notebook/notebook-markdown";
import { SessionBar } from "@/components/notebook/session-bar";
import { loadSession } from "@/lib/client/run-actions";
import { useRunStore } from "@/lib/client/run-store";

export type NotebookView = { id: string; title: string; content: string; version: number };

export function NotebookPageClient({ notebook }: { notebook: NotebookView }) {  useEffect(() => {
    useRunStore.getState().reset(notebook.id);
    void loadSession(notebook.id);
  }, [notebook.id]);

  return (
    <main className="mx-auto max-w-4xl px-6 py-8">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">{notebook.title}</h1>
        <SessionBar notebookId={notebook.id} />
      </div>
      <NotebookMarkdown notebook={notebook} />
    </main>
  );
}

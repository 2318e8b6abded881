"use client";

import type { SaveStatus } from "@/lib/client/autosave";
import { ShareDialog } from "@/components/share-dialog";
import { ExportMenu } from "./export-menu";
import { SaveIndicator } from "./save-indicator";
import { SessionBar } from "./session-bar";

type Props = {
  notebookId: string;
  title: string;
  /** Shown to editors only. */
  saveStatus?: SaveStatus;
  /** Absent when the reader may not run this notebook. */
  onRunAll?: () => void;
  runningAll?: boolean;
};

export function NotebookHeader({ notebookId, title, saveStatus, onRunAll, runningAll = false }: Props) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-4">
      <div className="flex items-baseline gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {saveStatus && <SaveIndicator status={saveStatus} />}
      </div>
      <div className="flex items-center gap-3 text-sm">
        <ExportMenu notebookId={notebookId} />
        <ShareDialog notebookId={notebookId} />
        {onRunAll && (
          <button
            type="button"
            data-testid="run-all"
            disabled={runningAll}
            onClick={onRunAll}
            className="rounded-md bg-emerald-700 px-3 py-0.5 font-medium text-white hover:bg-emerald-600 disabled:opacity-60"
          >
            {runningAll ? "Running all…" : "Run all"}
          </button>
        )}
        {onRunAll && <SessionBar notebookId={notebookId} />}
      </div>
    </div>
  );
}

"use client";

import type { ReactNode } from "react";
import type { SaveStatus } from "@/lib/client/autosave";
import { ShareDialog } from "@/components/share-dialog";
import type { NotebookSettings, NotebookState } from "@/lib/notebook/front-matter";
import { ExportMenu } from "./export-menu";
import { NotebookMode } from "./notebook-mode";
import { SaveIndicator } from "./save-indicator";
import { SessionBar } from "./session-bar";
import { ShortcutsSheet } from "./shortcuts-sheet";

type Props = {
  notebookId: string;
  /** The heading: NotebookTitle, with Rename for editors. */
  title: ReactNode;
  /** Buttons about the notebook itself (Duplicate, Delete), before the others. */
  actions?: ReactNode;
  /** The draft's front matter settings: the mode shown, and switched by editors. */
  settings: NotebookSettings;
  onSwitchMode?: (state: NotebookState) => void;
  /** Shown to editors only. */
  saveStatus?: SaveStatus;
  /** Absent when the reader may not run this notebook. */
  onRunAll?: () => void;
  runningAll?: boolean;
  /** Cancels Run all as a whole: the block running now, and the ones after it. */
  onCancelAll?: () => void;
  /** Owners only: the Share dialog (nobody else may read the shares, so nobody else asks). */
  canShare?: boolean;
};

export function NotebookHeader({ notebookId, title, actions, settings, onSwitchMode, saveStatus, onRunAll, runningAll = false, onCancelAll, canShare = false }: Props) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-4">
      <div className="flex min-w-0 flex-wrap items-baseline gap-3">
        {title}
        {saveStatus && <SaveIndicator status={saveStatus} />}
        <NotebookMode settings={settings} onSwitch={onSwitchMode} />
      </div>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        {actions}
        <ShortcutsSheet withEditor={onSwitchMode !== undefined} />
        <ExportMenu notebookId={notebookId} />
        {canShare && <ShareDialog notebookId={notebookId} />}
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
        {runningAll && onCancelAll && (
          <button type="button" data-testid="cancel-all" onClick={onCancelAll} className="rounded-md border border-stone-300 px-3 py-0.5 hover:bg-stone-100">
            Cancel all
          </button>
        )}
        {onRunAll && <SessionBar notebookId={notebookId} />}
      </div>
    </div>
  );
}

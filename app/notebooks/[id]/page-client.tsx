"use client";

import dynamic from "next/dynamic";
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { ConflictBanner } from "@/components/notebook/conflict-banner";
import { NotebookActions } from "@/components/notebook/notebook-actions";
import { NotebookHeader } from "@/components/notebook/notebook-header";
import { NotebookTitle, type TitleState } from "@/components/notebook/notebook-title";
import { PublishOutputs } from "@/components/notebook/publish-outputs";
import { TableOfContents } from "@/components/notebook/table-of-contents";
import { NotebookMarkdown } from "@/components/notebook/notebook-markdown";
import { RunAllReport } from "@/components/notebook/run-all-report";
import { Autosave } from "@/lib/client/autosave";
import { completeInKernel } from "@/lib/client/complete-in-kernel";
import { saveNotebookContent, type NotebookView } from "@/lib/client/notebook-api";
import { publishedRuns, type PublishedView } from "@/lib/client/published-runs";
import { adoptSession, cancelAllRuns, runAll, runBlock, savedCodes, savedTarget, type RunAllOutcome, type RunTarget, type SessionSummary } from "@/lib/client/run-actions";
import { useRunStore } from "@/lib/client/run-store";
import { useRestoredRuns } from "@/lib/client/use-restored-runs";
import { blockKey } from "@/lib/notebook/find-block";
import { headingTitle, notebookOutline } from "@/lib/notebook/outline";
import { readNotebookSettings, type NotebookState } from "@/lib/notebook/front-matter";
import { parseNotebook } from "@/lib/notebook/parse-notebook";
import { withNotebookState } from "@/lib/notebook/with-notebook-state";

// CodeMirror is most of the page's script: it loads after the first paint, and never for readers.
const NotebookEditor = dynamic(() => import("@/components/notebook/notebook-editor").then((module) => module.NotebookEditor), {
  ssr: false,
  loading: () => <div className="h-full rounded-lg border border-stone-300 bg-white" />,
});

const runnableBlocks = (content: string): RunTarget[] => parseNotebook(content).filter((block) => block.kind === "runnable" && !block.error);

type Props = { initial: NotebookView; published: PublishedView | null; session: SessionSummary | null };

export function NotebookPageClient({ initial: notebook, published: initialPublished, session }: Props) {
  const { id, permissions } = notebook;
  const [autosave] = useState(
    () => new Autosave({ initial: { content: notebook.content, version: notebook.version }, save: (content, baseVersion) => saveNotebookContent(id, content, baseVersion) }),
  );
  const saveState = useSyncExternalStore(autosave.subscribe, autosave.getState, autosave.getState);
  const content = permissions.edit ? saveState.draft : notebook.content;
  // Typing re-renders the editor at once; the Markdown preview follows when the browser is free.
  const preview = useDeferredValue(content);
  const [runningAll, setRunningAll] = useState<AbortController | null>(null);
  const [runAllOutcome, setRunAllOutcome] = useState<RunAllOutcome | null>(null);
  // On a narrow screen one pane shows at a time, the rendered notebook first; wide screens show both.
  const [narrowPane, setNarrowPane] = useState<"preview" | "source">("preview");
  const [titleState, setTitleState] = useState<TitleState>({ title: notebook.title, followsHeading: notebook.titleFollowsHeading });
  const outline = useMemo(() => notebookOutline(preview), [preview]);
  // Until the author sets a title, it is the draft's first heading, as the server will store it.
  const shownTitle = titleState.followsHeading ? headingTitle(preview) : titleState.title;
  // A deleted notebook is not saved on the way out.
  const deleted = useRef(false);
  const [published, setPublished] = useState(initialPublished);

  useEffect(() => {
    // Hydrated: Run buttons work. bench/notebook-page.ts reads this User Timing mark.
    performance.mark("runnel:notebook-interactive");
  }, []);

  useEffect(() => {
    useRunStore.getState().reset(id);
    // What the authors published shows until the reader's own runs (restored or new) replace it.
    useRunStore.getState().restoreRuns(publishedRuns(initialPublished));
    adoptSession(session);
  }, [id, initialPublished, session]);
  useRestoredRuns(id);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (autosave.getState().status !== "saved") event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      // Leaving the page inside the app: save what was typed in the last moment.
      if (!deleted.current) void autosave.flush().catch(() => undefined);
    };
  }, [autosave]);

  /** The saved copy a run should use: an editor's pending edits are saved first. */
  const savedCopy = useCallback(
    async () => (permissions.edit ? autosave.flush() : { content: notebook.content, version: notebook.version }),
    [autosave, permissions.edit, notebook.content, notebook.version],
  );

  const run = useCallback(
    async (block: RunTarget) => {
      try {
        const saved = await savedCopy();
        await runBlock(id, savedTarget(saved.content, block), saved.version, savedCodes(saved.content));
      } catch (error) {
        useRunStore.getState().failRun(blockKey(block), error instanceof Error ? error.message : "The block could not be run.");
      }
    },
    [id, savedCopy],
  );

  const runEverything = useCallback(async () => {
    const controller = new AbortController();
    setRunningAll(controller);
    setRunAllOutcome(null);
    try {
      const saved = await savedCopy();
      setRunAllOutcome(await runAll(id, runnableBlocks(saved.content), saved.version, controller.signal));
    } catch {
      // A conflict or failed save is already on screen.
    } finally {
      setRunningAll(null);
    }
  }, [id, savedCopy]);

  const cancelEverything = useCallback(() => {
    runningAll?.abort();
    void cancelAllRuns();
  }, [runningAll]);

  const runAtLine = useCallback(
    (line: number) => {
      const block = parseNotebook(autosave.getState().draft).find(
        ({ position }) => position !== undefined && line >= position.startLine && line <= position.endLine,
      );
      if (block?.kind === "runnable" && !block.error) void run(block);
    },
    [autosave, run],
  );

  const edit = useCallback((value: string) => autosave.edit(value), [autosave]);
  const settings = useMemo(() => readNotebookSettings(content), [content]);
  const [modeError, setModeError] = useState<string | null>(null);
  const switchMode = useCallback(
    (state: NotebookState) => {
      try {
        autosave.edit(withNotebookState(autosave.getState().draft, state));
        setModeError(null);
      } catch (error) {
        setModeError(error instanceof Error ? error.message : "The mode could not be switched.");
      }
    },
    [autosave],
  );
  const onRun = permissions.run ? run : undefined;
  const markdown = (
    <>
      <TableOfContents outline={outline} />
      <NotebookMarkdown notebookId={id} content={preview} onRun={onRun} canManageApps={permissions.edit} />
    </>
  );

  return (
    <main className={`mx-auto px-4 py-6 sm:px-6 sm:py-8 ${permissions.edit ? "max-w-7xl" : "max-w-4xl"}`}>
      <NotebookHeader
        notebookId={id}
        title={<NotebookTitle notebookId={id} shown={shownTitle} followsHeading={titleState.followsHeading} canRename={permissions.edit} onRenamed={setTitleState} />}
        actions={
          <>
            {permissions.edit && <PublishOutputs notebookId={id} published={published} onChange={setPublished} />}
            <NotebookActions
              notebookId={id}
              title={shownTitle}
              canDelete={permissions.delete}
              onDeleted={() => {
                deleted.current = true;
                autosave.dispose();
              }}
            />
          </>
        }
        settings={modeError ? { ...settings, error: modeError } : settings}
        onSwitchMode={permissions.edit ? switchMode : undefined}
        saveStatus={permissions.edit ? saveState.status : undefined}
        onRunAll={permissions.run ? () => void runEverything() : undefined}
        runningAll={runningAll !== null}
        onCancelAll={cancelEverything}
        canShare={permissions.manage}
      />
      <RunAllReport outcome={runAllOutcome} />
      {saveState.status === "conflict" && saveState.theirs && (
        <ConflictBanner
          theirs={saveState.theirs}
          mine={saveState.draft}
          onReloadTheirs={() => autosave.reloadTheirs()}
          onOverwriteWithMine={() => autosave.overwriteWithMine()}
        />
      )}
      {saveState.status === "error" && (
        <p role="alert" className="mt-4 rounded-lg border border-red-300 bg-red-50 px-4 py-2 text-sm text-red-800">
          {saveState.error} Your edits are kept here and saved with your next change.
        </p>
      )}
      {permissions.edit ? (
        <>
          <div role="group" aria-label="Show" className="mt-4 flex gap-2 text-sm lg:hidden">
            {(["preview", "source"] as const).map((pane) => (
              <button
                key={pane}
                type="button"
                data-testid={`show-${pane}`}
                aria-pressed={narrowPane === pane}
                onClick={() => setNarrowPane(pane)}
                className="rounded-md border border-stone-300 px-3 py-0.5 aria-pressed:bg-stone-800 aria-pressed:text-white"
              >
                {pane === "preview" ? "Notebook" : "Source"}
              </button>
            ))}
          </div>
          <div className="mt-6 grid gap-6 lg:grid-cols-2">
            <div className={`h-[70vh] min-w-0 lg:sticky lg:top-4 lg:block lg:h-[calc(100vh-8rem)] ${narrowPane === "source" ? "" : "hidden"}`}>
              <NotebookEditor value={saveState.draft} onChange={edit} onRunAtLine={runAtLine} complete={permissions.run ? completeInKernel : undefined} />
            </div>
            <div data-testid="notebook-preview" className={`min-w-0 lg:block ${narrowPane === "preview" ? "" : "hidden"}`}>
              {markdown}
            </div>
          </div>
        </>
      ) : (
        markdown
      )}
    </main>
  );
}

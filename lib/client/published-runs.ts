import { blockKey } from "@/lib/notebook/find-block";
import { restoredRun, type StoredExecution } from "./restored-run";
import type { BlockRun } from "./run-store";

/** GET /api/notebooks/:id/published-outputs's `published`, dates as JSON strings. */
export type PublishedView = {
  publishedAt: string;
  publishedBy: { id: string; name: string };
  executions: Array<StoredExecution & { blockId: string }>;
};

/** The published outputs as runs for the page's store, each marked with who ran it and when. */
export function publishedRuns(view: PublishedView | null): Record<string, BlockRun> {
  if (!view) return {};
  return Object.fromEntries(
    view.executions.map((execution) => [
      blockKey({ id: execution.blockId, index: execution.blockIndex }),
      { ...restoredRun(execution), published: { by: view.publishedBy.name, at: execution.finishedAt ?? execution.startedAt } },
    ]),
  );
}

/** "ran 2 Dec 2026, 00:41 by Ada": when and by whom a published output ran. */
export function publishedNote(published: { by: string; at: string }): string {
  const when = new Date(published.at).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  return `Published output: ran ${when} by ${published.by}.`;
}

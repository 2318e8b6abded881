import { ApiError, apiRequest } from "./api-request";
import type { SaveOutcome } from "./autosave";
import type { BlockName } from "@/lib/executions/stream-events";
import type { StoredExecution } from "./restored-run";

/** The notebook as the page uses it (GET /api/notebooks/:id, dates as JSON strings). */
export type NotebookView = {
  id: string;
  title: string;
  titleFollowsHeading: boolean;
  content: string;
  version: number;
  permissions: { edit: boolean; run: boolean; delete: boolean; manage: boolean };
};

async function fetchNotebook(notebookId: string): Promise<NotebookView> {
  const { notebook } = await apiRequest<{ notebook: NotebookView }>("GET", `/api/notebooks/${notebookId}`);
  return notebook;
}

/** Saves content on `baseVersion`; a 409 comes back as their current copy, not as an error. */
export async function saveNotebookContent(notebookId: string, content: string, baseVersion: number): Promise<SaveOutcome> {
  try {
    const { notebook } = await apiRequest<{ notebook: NotebookView }>("PATCH", `/api/notebooks/${notebookId}`, { content, baseVersion });
    return { kind: "saved", saved: { content: notebook.content, version: notebook.version } };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 409) throw error;
    const theirs = await fetchNotebook(notebookId);
    return { kind: "conflict", theirs: { content: theirs.content, version: theirs.version } };
  }
}

/** A stale chain in flight in the session, as GET /api/sessions/:id/executions names it. */
export type ChainInFlight = { executionId: string; blocks: BlockName[]; target: BlockName };

export async function fetchLatestExecutions(sessionId: string): Promise<{ executions: StoredExecution[]; chain: ChainInFlight | null }> {
  const { executions, chain } = await apiRequest<{ executions: StoredExecution[]; chain?: ChainInFlight | null }>("GET", `/api/sessions/${sessionId}/executions`);
  return { executions, chain: chain ?? null };
}

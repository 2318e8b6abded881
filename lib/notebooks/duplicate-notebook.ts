import { findNotebookFor } from "../auth/notebook-access";
import { createNotebook } from "./create-notebook";
import type { NotebookDetail } from "./notebook-detail";

const MAX_TITLE_LENGTH = 200;

/**
 * A copy of a notebook the user may read (through a share link too), as a new notebook of
 * theirs: the same text and block ids, none of the runs, sessions, shares or apps. In a team when
 * `teamId` is given and they may write there; otherwise personal.
 */
export async function duplicateNotebook(
  userId: string,
  notebookId: string,
  { linkToken = null, teamId, title }: { linkToken?: string | null; teamId?: string; title?: string } = {},
): Promise<NotebookDetail> {
  const { notebook } = await findNotebookFor({ userId, linkToken }, notebookId, "read");
  const suffix = " (copy)";
  const copyTitle = title ?? `${notebook.title.slice(0, MAX_TITLE_LENGTH - suffix.length)}${suffix}`;
  return createNotebook({ ownerId: userId, title: copyTitle, content: notebook.content, teamId });
}

import { findNotebookFor } from "../auth/notebook-access";
import { toNotebookDetail, type NotebookDetail } from "./notebook-detail";

/** The notebook as its reader sees it; `linkToken` is a share link's secret when they came through one. */
export async function getNotebook(userId: string | null, notebookId: string, linkToken: string | null = null): Promise<NotebookDetail> {
  const { notebook, role } = await findNotebookFor({ userId, linkToken }, notebookId, "read");
  return toNotebookDetail(notebook, role);
}

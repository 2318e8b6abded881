import { findNotebookFor } from "../auth/notebook-access";
import { toNotebookDetail, type NotebookDetail } from "./notebook-detail";

export async function getNotebook(userId: string, notebookId: string): Promise<NotebookDetail> {
  const { notebook, role } = await findNotebookFor(userId, notebookId, "read");
  return toNotebookDetail(notebook, role);
}

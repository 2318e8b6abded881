import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { toNotebookDetail, type NotebookDetail } from "./notebook-detail";
import { assertContentFits } from "./notebook-fields";

export type CreateNotebookOptions = { ownerId: string; title: string; content: string; teamId?: string };

export async function createNotebook({ ownerId, title, content, teamId }: CreateNotebookOptions): Promise<NotebookDetail> {
  // Teams do not exist yet, so no team is one the user belongs to.
  if (teamId !== undefined) throw new AppError("not_found", "There is no such team.");
  assertContentFits(content);
  const notebook = await getPrisma().notebook.create({ data: { ownerId, title, content } });
  return toNotebookDetail(notebook, "owner");
}

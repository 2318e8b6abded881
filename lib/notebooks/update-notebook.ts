import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { findNotebookFor } from "../auth/notebook-access";
import { withBlockIds } from "../notebook/with-block-ids";
import { toNotebookDetail, type NotebookDetail } from "./notebook-detail";
import { assertContentFits } from "./notebook-fields";

export type UpdateNotebookOptions = {
  userId: string;
  notebookId: string;
  /** The version the edit was made on; the update happens only if the notebook is still at it. */
  baseVersion: number;
  title?: string;
  content?: string;
};

export async function updateNotebook({ userId, notebookId, baseVersion, title, content }: UpdateNotebookOptions): Promise<NotebookDetail> {
  const { role, notebook } = await findNotebookFor(userId, notebookId, "edit");
  if (content !== undefined) assertContentFits(content);
  // Every saved block has an id; one the author's text lost comes back when its code is unchanged.
  const saved = content === undefined ? undefined : withBlockIds(content, { previous: notebook.content });
  if (saved !== undefined) assertContentFits(saved);

  const prisma = getPrisma();
  // Compare-and-set in one statement: of two editors saving on the same version, one wins.
  const { count } = await prisma.notebook.updateMany({
    where: { id: notebookId, version: baseVersion },
    data: { title, content: saved, version: { increment: 1 } },
  });
  const current = await prisma.notebook.findUnique({ where: { id: notebookId } });
  if (!current) throw new AppError("not_found", "There is no such notebook.");
  if (count === 0) {
    throw new AppError(
      "conflict",
      `This notebook has changed since version ${baseVersion} (it is at version ${current.version} now). Reload it and make your edit again.`,
    );
  }
  return toNotebookDetail(current, role);
}

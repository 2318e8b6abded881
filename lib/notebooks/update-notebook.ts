import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { findNotebookFor } from "../auth/notebook-access";
import { withBlockIds } from "../notebook/with-block-ids";
import { headingTitle } from "../notebook/outline";
import { toNotebookDetail, type NotebookDetail } from "./notebook-detail";
import { assertContentFits } from "./notebook-fields";

export type UpdateNotebookOptions = {
  userId: string;
  notebookId: string;
  /**
   * The version the edit was made on; the update happens only if the notebook is still at it.
   * Needed with content; a rename without it applies whatever the version (the last rename
   * wins) and leaves the version as it is, so it never conflicts with an editor's autosave.
   */
  baseVersion?: number;
  /** A title the author sets, or null to let the title follow the first `#` heading again. */
  title?: string | null;
  content?: string;
};

export async function updateNotebook({ userId, notebookId, baseVersion, title, content }: UpdateNotebookOptions): Promise<NotebookDetail> {
  const { role, notebook } = await findNotebookFor(userId, notebookId, "edit");
  if (content !== undefined) assertContentFits(content);
  // Every saved block has an id; one the author's text lost comes back when its code is unchanged.
  const saved = content === undefined ? undefined : withBlockIds(content, { previous: notebook.content });
  if (saved !== undefined) assertContentFits(saved);
  if (saved !== undefined && baseVersion === undefined) throw new AppError("bad_request", "Send baseVersion with content.");

  const followsHeading = title === null || (title === undefined && !notebook.titleSetByAuthor);
  const titleFields =
    typeof title === "string"
      ? { title, titleSetByAuthor: true }
      : followsHeading
        ? { title: headingTitle(saved ?? notebook.content), titleSetByAuthor: false }
        : {};

  const prisma = getPrisma();
  if (baseVersion === undefined) {
    await prisma.notebook.updateMany({ where: { id: notebookId }, data: titleFields });
  } else {
    // Compare-and-set in one statement: of two editors saving on the same version, one wins.
    const { count } = await prisma.notebook.updateMany({
      where: { id: notebookId, version: baseVersion },
      data: { ...titleFields, content: saved, version: { increment: 1 } },
    });
    if (count === 0) {
      const current = await prisma.notebook.findUnique({ where: { id: notebookId }, select: { version: true } });
      if (!current) throw new AppError("not_found", "There is no such notebook.");
      throw new AppError(
        "conflict",
        `This notebook has changed since version ${baseVersion} (it is at version ${current.version} now). Reload it and make your edit again.`,
      );
    }
  }
  const current = await prisma.notebook.findUnique({ where: { id: notebookId } });
  if (!current) throw new AppError("not_found", "There is no such notebook.");
  return toNotebookDetail(current, role);
}

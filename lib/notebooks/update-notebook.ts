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

  const prisma = getPrisma();
  if (baseVersion === undefined) {
    // A rename alone touches only the title columns, so it cannot undo a content save.
    if (typeof title === "string") await prisma.notebook.updateMany({ where: { id: notebookId }, data: { title, titleSetByAuthor: true } });
    else if (title === null) await followHeadingAgain(notebookId);
  } else {
    // Compare-and-set in one statement: of two editors saving on the same version, one wins.
    const { count } = await prisma.notebook.updateMany({
      where: { id: notebookId, version: baseVersion },
      data: { ...(typeof title === "string" ? { title, titleSetByAuthor: true } : title === null ? { titleSetByAuthor: false } : {}), content: saved, version: { increment: 1 } },
    });
    if (count === 0) {
      const current = await prisma.notebook.findUnique({ where: { id: notebookId }, select: { version: true } });
      if (!current) throw new AppError("not_found", "There is no such notebook.");
      throw new AppError(
        "conflict",
        `This notebook has changed since version ${baseVersion} (it is at version ${current.version} now). Reload it and make your edit again.`,
      );
    }
    // The heading title follows the saved text only while no title is set, asked in the same
    // statement that writes it: a rename that lands between the two is kept, never overwritten.
    // Pinned to this save's version, so a newer save's own heading is not replaced by this one's.
    if (typeof title !== "string") {
      await prisma.notebook.updateMany({
        where: { id: notebookId, version: baseVersion + 1, titleSetByAuthor: false },
        data: { title: headingTitle(saved ?? notebook.content) },
      });
    }
  }
  const current = await prisma.notebook.findUnique({ where: { id: notebookId } });
  if (!current) throw new AppError("not_found", "There is no such notebook.");
  return toNotebookDetail(current, role);
}

// Compare-and-set on the version a content save moves on: the title is the heading of the text
// it was read from, or it is read again (a save landed in between).
const FOLLOW_ATTEMPTS = 5;

async function followHeadingAgain(notebookId: string): Promise<void> {
  const prisma = getPrisma();
  for (let attempt = 0; attempt < FOLLOW_ATTEMPTS; attempt++) {
    const row = await prisma.notebook.findUnique({ where: { id: notebookId }, select: { version: true, content: true } });
    if (!row) throw new AppError("not_found", "There is no such notebook.");
    const { count } = await prisma.notebook.updateMany({
      where: { id: notebookId, version: row.version },
      data: { title: headingTitle(row.content), titleSetByAuthor: false },
    });
    if (count === 1) return;
  }
  throw new AppError("conflict", "The notebook kept changing while its title was set to follow its first heading; try again.");
}

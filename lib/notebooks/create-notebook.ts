import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { headingTitle } from "../notebook/outline";
import { withBlockIds } from "../notebook/with-block-ids";
import { toNotebookDetail, type NotebookDetail } from "./notebook-detail";
import { assertContentFits } from "./notebook-fields";

/** Without a title, the notebook's title follows its first `#` heading until its author sets one. */
export type CreateNotebookOptions = { ownerId: string; title?: string; content: string; teamId?: string };

/** A new notebook by `ownerId`; in a team only when they are its owner or editor (viewers read, they don't write). */
export async function createNotebook({ ownerId, title, content, teamId }: CreateNotebookOptions): Promise<NotebookDetail> {
  const saved = withBlockIds(content);
  assertContentFits(saved);
  const prisma = getPrisma();
  if (teamId !== undefined) {
    const member = await prisma.teamMember.findUnique({ where: { teamId_userId: { teamId, userId: ownerId } } });
    if (!member) throw new AppError("not_found", "There is no such team.");
    if (member.role === "viewer") throw new AppError("forbidden", "Viewers of a team cannot add notebooks to it.");
  }
  const notebook = await prisma.notebook.create({
    data: {
      ownerId,
      title: title ?? headingTitle(saved),
      titleSetByAuthor: title !== undefined,
      content: saved,
      teamId: teamId ?? null,
    },
  });
  return toNotebookDetail(notebook, "owner");
}

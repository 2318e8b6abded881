import { getPrisma } from "../db/client";
import { roleIn, visibleNotebooks, type NotebookRole } from "../auth/notebook-access";

export type NotebookSummary = {
  id: string;
  title: string;
  updatedAt: Date;
  owner: { id: string; name: string };
  team: null;
  role: NotebookRole;
};

/** Every notebook the user can see, most recently changed first. */
export async function listNotebooks(userId: string): Promise<NotebookSummary[]> {
  const rows = await getPrisma().notebook.findMany({
    where: visibleNotebooks(userId),
    select: { id: true, title: true, updatedAt: true, ownerId: true, owner: { select: { id: true, name: true } } },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
  });
  return rows.flatMap(({ ownerId, ...row }) => {
    const role = roleIn(userId, { ownerId });
    return role ? [{ ...row, team: null, role }] : [];
  });
}

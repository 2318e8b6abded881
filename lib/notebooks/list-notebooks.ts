import { getPrisma } from "../db/client";
import { roleIn, visibleNotebooks, type NotebookRole } from "../auth/notebook-access";

export type NotebookSummary = {
  id: string;
  title: string;
  updatedAt: Date;
  owner: { id: string; name: string };
  team: { id: string; name: string } | null;
  role: NotebookRole;
};

/** Every notebook the user can see (own, their teams', shared with them), most recently changed first. */
export async function listNotebooks(userId: string): Promise<NotebookSummary[]> {
  const rows = await getPrisma().notebook.findMany({
    where: visibleNotebooks(userId),
    select: {
      id: true,
      title: true,
      updatedAt: true,
      ownerId: true,
      owner: { select: { id: true, name: true } },
      team: { select: { id: true, name: true, members: { where: { userId }, select: { role: true } } } },
      shares: { where: { userId }, select: { role: true } },
    },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
  });
  return rows.flatMap(({ ownerId, team, shares, ...row }) => {
    const role = roleIn(userId, { ownerId, teamRole: team?.members[0]?.role, shareRole: shares[0]?.role });
    return role ? [{ ...row, team: team ? { id: team.id, name: team.name } : null, role }] : [];
  });
}

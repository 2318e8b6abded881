import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { deleteNotebook } from "../notebooks/delete-notebook";
import { endRevokedSessions } from "../sharing/end-revoked-sessions";
import { findTeamFor } from "./team-access";

/** What becomes of a deleted team's notebooks: they are deleted, or move to one member as their own. */
export type TeamNotebooksFate = { notebooks: "delete" } | { notebooks: "move"; to: string };

/**
 * Deletes a team (owners only). Its notebooks are deleted with their runs and sandboxes, or
 * become personal notebooks of the member `to` (with their shares and links kept). Either way
 * the other members lose the access the team gave them, and their sandboxes on those notebooks end.
 */
export async function deleteTeam(actorId: string, teamId: string, fate: TeamNotebooksFate): Promise<{ notebooks: number }> {
  const { role } = await findTeamFor(actorId, teamId, "read");
  if (role !== "owner") throw new AppError("forbidden", "Only the team's owners can delete it.");
  const prisma = getPrisma();
  const [members, notebooks] = await Promise.all([
    prisma.teamMember.findMany({ where: { teamId }, select: { userId: true } }),
    prisma.notebook.findMany({ where: { teamId }, select: { id: true } }),
  ]);
  const notebookIds = notebooks.map(({ id }) => id);

  if (fate.notebooks === "move") {
    if (!members.some(({ userId }) => userId === fate.to)) {
      throw new AppError("bad_request", "The notebooks can only move to a member of the team.");
    }
    // One batch: the notebooks leave the team before the team (and, by cascade, anything still in it) goes.
    await prisma.$transaction([
      prisma.notebook.updateMany({ where: { teamId }, data: { teamId: null, ownerId: fate.to } }),
      prisma.team.deleteMany({ where: { id: teamId } }),
    ]);
    for (const { userId } of members) await endRevokedSessions(userId, { id: { in: notebookIds } });
  } else {
    // Each goes the way a single delete does, sandboxes first; a notebook added meanwhile goes with the team.
    for (const id of notebookIds) await deleteNotebook(actorId, id);
    await prisma.team.deleteMany({ where: { id: teamId } });
  }
  return { notebooks: notebookIds.length };
}

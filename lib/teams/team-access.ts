import type { TeamRole } from "@prisma/client";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";

/**
 * The actor's role in a team when they may do `need` there: any member reads the team, only
 * its owners manage members. A team you are not in is "not found", like a notebook.
 */
export async function findTeamFor(userId: string, teamId: string, need: "read" | "manage"): Promise<{ role: TeamRole }> {
  const member = await getPrisma().teamMember.findUnique({ where: { teamId_userId: { teamId, userId } }, select: { role: true } });
  if (!member) throw new AppError("not_found", "There is no such team.");
  if (need === "manage" && member.role !== "owner") throw new AppError("forbidden", "Only the team's owners can manage its members.");
  return member;
}

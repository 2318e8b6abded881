import type { TeamRole } from "@prisma/client";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { endRevokedSessions } from "../sharing/end-revoked-sessions";
import { findTeamFor } from "./team-access";

export type ChangeTeamMemberOptions = { actorId: string; teamId: string; userId: string; role: TeamRole };

/** Changes a member's role (owners only). A team always keeps at least one owner. */
export async function changeTeamMember({ actorId, teamId, userId, role }: ChangeTeamMemberOptions): Promise<{ role: TeamRole }> {
  await findTeamFor(actorId, teamId, "manage");
  await assertNotLastOwner(teamId, userId, role);
  return getPrisma().teamMember.update({ where: { teamId_userId: { teamId, userId } }, data: { role }, select: { role: true } });
}

/** Removes a member: owners remove anyone, every member may leave. Their sandboxes on notebooks they no longer see go. */
export async function removeTeamMember({ actorId, teamId, userId }: Omit<ChangeTeamMemberOptions, "role">): Promise<void> {
  await findTeamFor(actorId, teamId, actorId === userId ? "read" : "manage");
  await assertNotLastOwner(teamId, userId, null);
  await getPrisma().teamMember.deleteMany({ where: { teamId, userId } });
  await endRevokedSessions(userId, { teamId });
}

async function assertNotLastOwner(teamId: string, userId: string, newRole: TeamRole | null): Promise<void> {
  const prisma = getPrisma();
  const member = await prisma.teamMember.findUnique({ where: { teamId_userId: { teamId, userId } } });
  if (!member) throw new AppError("not_found", "That user is not in this team.");
  if (member.role !== "owner" || newRole === "owner") return;
  if ((await prisma.teamMember.count({ where: { teamId, role: "owner" } })) === 1) {
    throw new AppError("conflict", "A team needs at least one owner. Make someone else an owner first.");
  }
}

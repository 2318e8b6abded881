import type { TeamRole } from "@prisma/client";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { findUserByEmail } from "./find-user-by-email";
import type { TeamMemberView } from "./get-team";
import { findTeamFor } from "./team-access";

export type AddTeamMemberOptions = { actorId: string; teamId: string; email: string; role: TeamRole };

/** Adds an existing user to the team (owners only); 409 when they are in it already. */
export async function addTeamMember({ actorId, teamId, email, role }: AddTeamMemberOptions): Promise<TeamMemberView> {
  await findTeamFor(actorId, teamId, "manage");
  const user = await findUserByEmail(email);
  const prisma = getPrisma();
  const existing = await prisma.teamMember.findUnique({ where: { teamId_userId: { teamId, userId: user.id } } });
  if (existing) throw new AppError("conflict", `${user.name} is already in this team (as ${existing.role}). Change their role instead.`);
  const member = await prisma.teamMember.create({ data: { teamId, userId: user.id, role } });
  return { user, role: member.role, createdAt: member.createdAt };
}

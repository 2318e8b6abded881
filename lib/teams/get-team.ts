import type { TeamRole } from "@prisma/client";
import { getPrisma } from "../db/client";
import { findTeamFor } from "./team-access";

export type TeamMemberView = { user: { id: string; name: string; email: string }; role: TeamRole; createdAt: Date };
export type TeamDetail = { id: string; name: string; role: TeamRole; members: TeamMemberView[]; notebookCount: number };

/** A team the user belongs to, with its members (owners first). */
export async function getTeam(userId: string, teamId: string): Promise<TeamDetail> {
  const { role } = await findTeamFor(userId, teamId, "read");
  const team = await getPrisma().team.findUniqueOrThrow({
    where: { id: teamId },
    select: {
      id: true,
      name: true,
      members: {
        select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
        orderBy: [{ role: "asc" }, { createdAt: "asc" }],
      },
      _count: { select: { notebooks: true } },
    },
  });
  return { id: team.id, name: team.name, role, members: team.members, notebookCount: team._count.notebooks };
}

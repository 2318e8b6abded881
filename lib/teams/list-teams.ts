import type { TeamRole } from "@prisma/client";
import { getPrisma } from "../db/client";

export type TeamSummary = { id: string; name: string; role: TeamRole; memberCount: number; createdAt: Date };

/** The teams the user belongs to, by name, with their role in each. */
export async function listTeams(userId: string): Promise<TeamSummary[]> {
  const rows = await getPrisma().teamMember.findMany({
    where: { userId },
    select: { role: true, team: { select: { id: true, name: true, createdAt: true, _count: { select: { members: true } } } } },
    orderBy: [{ team: { name: "asc" } }, { teamId: "asc" }],
  });
  return rows.map(({ role, team }) => ({ id: team.id, name: team.name, role, memberCount: team._count.members, createdAt: team.createdAt }));
}

import { getPrisma } from "../db/client";
import type { TeamSummary } from "./list-teams";

/** A new team with its creator as its first owner. */
export async function createTeam(userId: string, name: string): Promise<TeamSummary> {
  const team = await getPrisma().team.create({
    data: { name, members: { create: { userId, role: "owner" } } },
  });
  return { id: team.id, name: team.name, role: "owner", memberCount: 1, createdAt: team.createdAt };
}

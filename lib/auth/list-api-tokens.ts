import { getPrisma } from "../db/client";

export type ApiTokenSummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };

/** A user's API tokens, newest first, without anything that could be used to sign in. */
export async function listApiTokens(userId: string): Promise<ApiTokenSummary[]> {
  return getPrisma().apiToken.findMany({
    where: { userId },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true },
    orderBy: { createdAt: "desc" },
  });
}

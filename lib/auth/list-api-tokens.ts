import { getPrisma } from "../db/client";

export type ApiTokenSummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null };

/** A user's API tokens, newest first, without anything that could be used to sign in; expired ones too, until revoked. */
export async function listApiTokens(userId: string): Promise<ApiTokenSummary[]> {
  return getPrisma().apiToken.findMany({
    where: { userId },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
}

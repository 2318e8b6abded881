import { getPrisma } from "../db/client";
import { verifySessionToken } from "./session-token";

/** Signs a session cookie out on the server: the token is refused from now on, wherever it was copied. */
export async function revokeSessionToken(token: string): Promise<void> {
  const claims = await verifySessionToken(token);
  if (!claims) return;
  await getPrisma().revokedSessionToken.upsert({
    where: { id: claims.tokenId },
    create: { id: claims.tokenId, expiresAt: claims.expiresAt },
    update: {},
  });
}

/** Forgets revocations of tokens that have expired anyway. */
export async function pruneRevokedSessionTokens(now = new Date()): Promise<number> {
  const { count } = await getPrisma().revokedSessionToken.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}

import { randomUUID } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { getJwtSecret } from "./jwt-secret";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

export type SessionTokenOptions = { secret?: Uint8Array; now?: Date };

/**
 * What a valid session token says: whose it is, its own id (for revoking it), when it expires,
 * and the user's session generation it was made under (0 for tokens made before generations).
 */
export type SessionClaims = { userId: string; tokenId: string; expiresAt: Date; generation: number };

/** A signed session JWT (HS256) whose subject is the user id, with its own id, valid for seven days. */
export async function signSessionToken(
  userId: string,
  generation: number,
  { secret, now = new Date() }: SessionTokenOptions = {},
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ gen: generation })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + SESSION_MAX_AGE_SECONDS)
    .sign(secret ?? (await getJwtSecret()));
}

/** The claims of a valid, unexpired session token; null for anything else. */
export async function verifySessionToken(token: string, { secret, now }: SessionTokenOptions = {}): Promise<SessionClaims | null> {
  const key = secret ?? (await getJwtSecret());
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ["HS256"], currentDate: now });
    const { sub, jti, exp, gen = 0 } = payload;
    if (typeof sub !== "string" || sub === "" || typeof jti !== "string" || jti === "" || typeof exp !== "number") return null;
    if (!Number.isSafeInteger(gen) || (gen as number) < 0) return null;
    return { userId: sub, tokenId: jti, expiresAt: new Date(exp * 1000), generation: gen as number };
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}

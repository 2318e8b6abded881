import { getPrisma } from "../db/client";
import { Prisma } from "@prisma/client";
import type { AuthUser } from "./auth-user";
import { findUserByApiToken } from "./find-user-by-api-token";
import { readSessionCookie } from "./session-cookie";
import { verifySessionToken } from "./session-token";

/**
 * Who sent this request: the owner of the `Authorization: Bearer` API token when that header
 * is there (a bad token is not rescued by a cookie), otherwise the session cookie's user.
 * Throws a 401 AppError with its own sentence for an expired token or two session cookies.
 */
export async function getCurrentUser(request: Request): Promise<AuthUser | null> {
  const bearer = bearerToken(request);
  if (bearer !== null) return findUserByApiToken(bearer);

  const token = readSessionCookie(request);
  return token ? findUserBySessionToken(token) : null;
}

/** The user a session token signs in, unless it was signed out, or made before the password changed. */
export async function findUserBySessionToken(token: string): Promise<AuthUser | null> {
  const claims = await verifySessionToken(token);
  if (!claims) return null;
  // Still looked up: a deleted account's cookies, and a signed-out cookie, stop working at once.
  // One statement, as every request with a cookie asks it (the run route on each block's run).
  const [user] = await getPrisma().$queryRaw<Array<AuthUser & { sessionGeneration: number; revoked: boolean }>>(Prisma.sql`
    SELECT u."id", u."email", u."name", u."sessionGeneration",
           EXISTS (SELECT 1 FROM "RevokedSessionToken" r WHERE r."id" = ${claims.tokenId}) AS "revoked"
    FROM "User" u WHERE u."id" = ${claims.userId}`);
  if (!user || user.revoked || user.sessionGeneration !== claims.generation) return null;
  return { id: user.id, email: user.email, name: user.name };
}

/** The token of an `Authorization: Bearer …` header, if the request has one. */
export function bearerToken(request: Request): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? null;
}

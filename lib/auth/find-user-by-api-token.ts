import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { isApiTokenFormat, hashApiToken } from "./api-token";
import { AUTH_USER_SELECT, type AuthUser } from "./auth-user";

// lastUsedAt is for people deciding which tokens to revoke: minute precision is plenty, and
// it spares a write on every scripted request.
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The owner of a valid API token, or null. Records when the token was last used. An expired
 * token is a 401 of its own, so the script's author learns why it stopped working.
 */
export async function findUserByApiToken(token: string, now = new Date()): Promise<AuthUser | null> {
  if (!isApiTokenFormat(token)) return null;
  const prisma = getPrisma();
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: { id: true, name: true, lastUsedAt: true, expiresAt: true, user: { select: AUTH_USER_SELECT } },
  });
  if (!row) return null;
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) {
    throw new AppError(
      "unauthorized",
      `The API token "${row.name}" expired on ${row.expiresAt.toISOString()}. Make a new one on your account's settings page.`,
    );
  }
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // updateMany: a token revoked a moment ago is not an error here.
    await prisma.apiToken.updateMany({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return row.user;
}

import { errors, jwtVerify, SignJWT } from "jose";
import { getJwtSecret } from "../auth/jwt-secret";

/**
 * Two signed tokens let a browser into a private app. The *access* token rides in the iframe's
 * URL for two minutes; the proxy trades it for the *cookie* token, which lives on the app's own
 * subdomain. Each names its audience, so one can never be replayed as the other, and the app id,
 * so a token for one app opens no other.
 */
export type AppTokenKind = "access" | "cookie";

export const APP_TOKEN_LIFETIME_SECONDS: Record<AppTokenKind, number> = { access: 120, cookie: 12 * 60 * 60 };

const AUDIENCE: Record<AppTokenKind, string> = { access: "runnel:app-access", cookie: "runnel:app-cookie" };

export type AppTokenOptions = { secret?: Uint8Array; now?: Date };

/**
 * Whom a token lets in: a user, or the holder of one share link (a signed-out reader). A link
 * grant names the link, not its secret, so the proxy can ask whether that link is still live.
 */
export type AppGrantee = { userId: string } | { linkId: string };

export function granteeKey(grantee: AppGrantee): string {
  return "userId" in grantee ? `user:${grantee.userId}` : `link:${grantee.linkId}`;
}

export async function signAppToken(
  kind: AppTokenKind,
  grant: { appId: string } & AppGrantee,
  { secret, now = new Date() }: AppTokenOptions = {},
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  // A user is the subject; a link's grant has no subject and names the link in its own claim.
  const signed = new SignJWT("userId" in grant ? { app: grant.appId } : { app: grant.appId, link: grant.linkId }).setProtectedHeader({ alg: "HS256" });
  if ("userId" in grant) signed.setSubject(grant.userId);
  return signed
    .setAudience(AUDIENCE[kind])
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + APP_TOKEN_LIFETIME_SECONDS[kind])
    .sign(secret ?? (await getJwtSecret()));
}

/** Whom a valid, unexpired token of this kind lets into this app; null otherwise. */
export async function verifyAppToken(kind: AppTokenKind, token: string, appId: string, { secret, now }: AppTokenOptions = {}): Promise<AppGrantee | null> {
  try {
    const { payload } = await jwtVerify(token, secret ?? (await getJwtSecret()), {
      algorithms: ["HS256"],
      audience: AUDIENCE[kind],
      currentDate: now,
    });
    if (payload.app !== appId) return null;
    const hasSubject = typeof payload.sub === "string" && payload.sub !== "";
    const link = payload.link;
    if (hasSubject === (link !== undefined)) return null; // exactly one of the two
    if (hasSubject) return { userId: payload.sub! };
    return typeof link === "string" && link !== "" ? { linkId: link } : null;
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}

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

export async function signAppToken(
  kind: AppTokenKind,
  grant: { appId: string; userId: string },
  { secret, now = new Date() }: AppTokenOptions = {},
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ app: grant.appId })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(grant.userId)
    .setAudience(AUDIENCE[kind])
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + APP_TOKEN_LIFETIME_SECONDS[kind])
    .sign(secret ?? (await getJwtSecret()));
}

/** The user id a valid, unexpired token of this kind grants for this app; null otherwise. */
export async function verifyAppToken(kind: AppTokenKind, token: string, appId: string, { secret, now }: AppTokenOptions = {}): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, secret ?? (await getJwtSecret()), {
      algorithms: ["HS256"],
      audience: AUDIENCE[kind],
      currentDate: now,
    });
    if (payload.app !== appId || typeof payload.sub !== "string" || payload.sub === "") return null;
    return payload.sub;
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}

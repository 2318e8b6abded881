import { errors, jwtVerify, SignJWT } from "jose";
import { getJwtSecret } from "./jwt-secret";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

export type SessionTokenOptions = { secret?: Uint8Array; now?: Date };

/** A signed session JWT (HS256) whose subject is the user id, valid for seven days. */
export async function signSessionToken(userId: string, { secret, now = new Date() }: SessionTokenOptions = {}): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT()
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + SESSION_MAX_AGE_SECONDS)
    .sign(secret ?? (await getJwtSecret()));
}

/** The user id of a valid, unexpired session token; null for anything else. */
export async function verifySessionToken(token: string, { secret, now }: SessionTokenOptions = {}): Promise<string | null> {
  const key = secret ?? (await getJwtSecret());
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ["HS256"], currentDate: now });
    return typeof payload.sub === "string" && payload.sub !== "" ? payload.sub : null;
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}

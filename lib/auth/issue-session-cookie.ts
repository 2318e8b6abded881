import { getPrisma } from "../db/client";
import { bearerToken } from "./get-current-user";
import { isHttpsRequest, readSessionCookie, sessionCookie } from "./session-cookie";
import { signSessionToken } from "./session-token";

/** A Set-Cookie value that signs `userId` in for the client that sent `request`, under their current session generation. */
export async function issueSessionCookie(request: Request, userId: string): Promise<string> {
  const { sessionGeneration } = await getPrisma().user.findUniqueOrThrow({ where: { id: userId }, select: { sessionGeneration: true } });
  return sessionCookie(await signSessionToken(userId, sessionGeneration), { secure: isHttpsRequest(request) });
}

/**
 * After the user's sessions were all signed out: a fresh cookie for this request's own session
 * when it came with one (not for an API token), so the browser that asked stays signed in.
 */
export async function renewedSessionCookie(request: Request, userId: string): Promise<string | null> {
  if (bearerToken(request) !== null || readSessionCookie(request) === null) return null;
  return issueSessionCookie(request, userId);
}

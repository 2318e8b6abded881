import { isHttpsRequest, sessionCookie } from "./session-cookie";
import { signSessionToken } from "./session-token";

/** A Set-Cookie value that signs `userId` in for the client that sent `request`. */
export async function issueSessionCookie(request: Request, userId: string): Promise<string> {
  return sessionCookie(await signSessionToken(userId), { secure: isHttpsRequest(request) });
}

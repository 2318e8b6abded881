import { revokeSessionToken } from "@/lib/auth/revoke-session-token";
import { clearedSessionCookie, isHttpsRequest, readSessionCookie } from "@/lib/auth/session-cookie";
import { withRoute } from "@/lib/http/with-route";

// Signing out clears the cookie here and revokes its token on the server, so a copy stops working too.
export const POST = withRoute(async (request) => {
  const token = readSessionCookie(request);
  if (token) await revokeSessionToken(token);
  const cookie = clearedSessionCookie({ secure: isHttpsRequest(request) });
  return new Response(null, { status: 204, headers: { "Set-Cookie": cookie } });
});

import { revokeSessionToken } from "@/lib/auth/revoke-session-token";
import { clearedSessionCookie, isHttpsRequest, readSessionCookies } from "@/lib/auth/session-cookie";
import { withRoute } from "@/lib/http/with-route";

// Signing out clears the cookie here and revokes its token on the server, so a copy stops working
// too. A request carrying two session cookies (which every other route refuses) is let out too,
// with both tokens revoked: this is the way out that the refusal points to.
export const POST = withRoute(async (request) => {
  for (const token of readSessionCookies(request)) if (token) await revokeSessionToken(token);
  const cookie = clearedSessionCookie({ secure: isHttpsRequest(request) });
  return new Response(null, { status: 204, headers: { "Set-Cookie": cookie } });
});

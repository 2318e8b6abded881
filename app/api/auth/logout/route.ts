import { clearedSessionCookie, isHttpsRequest } from "@/lib/auth/session-cookie";
import { withRoute } from "@/lib/http/with-route";

// Session cookies are stateless JWTs: signing out removes the cookie from this browser.
export const POST = withRoute(async (request) => {
  const cookie = clearedSessionCookie({ secure: isHttpsRequest(request) });
  return new Response(null, { status: 204, headers: { "Set-Cookie": cookie } });
});

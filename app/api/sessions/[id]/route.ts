import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { getOwnSession } from "@/lib/sessions/user-session";
import { linkTokensOf } from "@/lib/sharing/share-link-token";

// The caller's own session by id, ended or not: the page polls it for live kernel states.
export const GET = withRoute<RouteParams<{ id: string }>>(
  async (request, { user, params }) =>
    Response.json({ session: await getOwnSession(user.id, (await params).id, linkTokensOf(request)) }, { headers: { "cache-control": "no-store" } }),
  { auth: "user" },
);

import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { getTeam } from "@/lib/teams/get-team";

export const GET = withRoute<RouteParams<{ id: string }>>(
  async (_request, { user, params }) => Response.json({ team: await getTeam(user.id, (await params).id) }),
  { auth: "user" },
);

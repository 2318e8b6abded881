import { revokeApiToken } from "@/lib/auth/revoke-api-token";
import { withRoute, type RouteParams } from "@/lib/http/with-route";

export const DELETE = withRoute<RouteParams<{ id: string }>>(
  async (_request, { user, params }) => {
    await revokeApiToken(user.id, (await params).id);
    return new Response(null, { status: 204 });
  },
  { auth: "user" },
);

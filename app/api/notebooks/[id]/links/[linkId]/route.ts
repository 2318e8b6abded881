import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { revokeShareLink } from "@/lib/sharing/share-links";

export const DELETE = withRoute<RouteParams<{ id: string; linkId: string }>>(
  async (_request, { user, params }) => {
    const { id, linkId } = await params;
    await revokeShareLink(user.id, id, linkId);
    return new Response(null, { status: 204 });
  },
  { auth: "user" },
);

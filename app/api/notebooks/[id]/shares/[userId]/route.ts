import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { unshareNotebook } from "@/lib/sharing/share-notebook";

export const DELETE = withRoute<RouteParams<{ id: string; userId: string }>>(
  async (_request, { user, params }) => {
    const { id, userId } = await params;
    await unshareNotebook(user.id, id, userId);
    return new Response(null, { status: 204 });
  },
  { auth: "user" },
);

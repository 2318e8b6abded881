import { getArtifact } from "@/lib/executions/get-artifact";
import { withRoute, type RouteParams } from "@/lib/http/with-route";

export const GET = withRoute<RouteParams<{ id: string; name: string }>>(
  async (_request, { user, params }) => {
    const { id, name } = await params;
    return getArtifact(user.id, id, decodeURIComponent(name));
  },
  { auth: "user" },
);

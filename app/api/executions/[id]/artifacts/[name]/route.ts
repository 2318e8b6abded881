import { getArtifact } from "@/lib/executions/get-artifact";
import { decodeSegment } from "@/lib/http/decode-segment";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { linkTokensOf } from "@/lib/sharing/share-link-token";

export const GET = withRoute<RouteParams<{ id: string; name: string }>>(
  async (request, { user, params }) => {
    const { id, name } = await params;
    return getArtifact(user.id, id, decodeSegment(name), linkTokensOf(request));
  },
  { auth: "user" },
);

import { getArtifact } from "@/lib/executions/get-artifact";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { linkTokensOf } from "@/lib/sharing/share-link-token";

// Next hands dynamic segments over percent-encoded or not depending on the path taken; a name
// that does not decode is used as it is (and is then simply not found).
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export const GET = withRoute<RouteParams<{ id: string; name: string }>>(
  async (request, { user, params }) => {
    const { id, name } = await params;
    return getArtifact(user.id, id, decodeSegment(name), linkTokensOf(request));
  },
  { auth: "user" },
);

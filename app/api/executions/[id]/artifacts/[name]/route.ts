import { getCurrentUser } from "@/lib/auth/get-current-user";
import { getArtifact } from "@/lib/executions/get-artifact";
import { decodeSegment } from "@/lib/http/decode-segment";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { linkTokensOf } from "@/lib/sharing/share-link-token";

// Signed out too: a link holder sees the artifacts of the outputs an author published.
export const GET = withRoute<RouteParams<{ id: string; name: string }>>(async (request, { params }) => {
  const { id, name } = await params;
  const user = await getCurrentUser(request);
  return getArtifact(user?.id ?? null, id, decodeSegment(name), linkTokensOf(request));
});

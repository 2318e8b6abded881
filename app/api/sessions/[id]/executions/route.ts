import { latestExecutions } from "@/lib/executions/latest-executions";
import { sessionChain } from "@/lib/executions/session-chains";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { linkTokensOf } from "@/lib/sharing/share-link-token";

// Each block's latest run, and the stale chain in flight (followed by its id), for a page that reloads.
export const GET = withRoute<RouteParams<{ id: string }>>(
  async (request, { user, params }) => {
    const { id } = await params;
    const executions = await latestExecutions(user.id, id, linkTokensOf(request));
    return Response.json({ executions, chain: sessionChain(id) ?? null });
  },
  { auth: "user" },
);

import { latestExecutions } from "@/lib/executions/latest-executions";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { linkTokensOf } from "@/lib/sharing/share-link-token";

export const GET = withRoute<RouteParams<{ id: string }>>(
  async (request, { user, params }) =>
    Response.json({ executions: await latestExecutions(user.id, (await params).id, linkTokensOf(request)) }),
  { auth: "user" },
);

import { latestExecutions } from "@/lib/executions/latest-executions";
import { withRoute, type RouteParams } from "@/lib/http/with-route";

export const GET = withRoute<RouteParams<{ id: string }>>(
  async (_request, { user, params }) =>
    Response.json({ executions: await latestExecutions(user.id, (await params).id) }),
  { auth: "user" },
);

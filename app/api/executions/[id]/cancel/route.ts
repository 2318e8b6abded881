import { cancelExecution } from "@/lib/executions/cancel-execution";
import { withRoute, type RouteParams } from "@/lib/http/with-route";

export const POST = withRoute<RouteParams<{ id: string }>>(
  async (_request, { user, params }) => {
    await cancelExecution(user.id, (await params).id);
    return new Response(null, { status: 202 });
  },
  { auth: "user" },
);

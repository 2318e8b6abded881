import { listNotebookRuns } from "@/lib/executions/list-notebook-runs";
import { withRoute, type RouteParams } from "@/lib/http/with-route";

export const GET = withRoute<RouteParams<{ id: string }>>(
  async (_request, { user, params }) => Response.json({ runs: await listNotebookRuns(user.id, (await params).id) }),
  { auth: "user" },
);

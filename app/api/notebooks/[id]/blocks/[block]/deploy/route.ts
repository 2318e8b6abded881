import { getSettings } from "@/lib/config/settings";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { blockRefSchema } from "@/lib/http/block-ref-schema";
import { toAppView } from "@/lib/webapps/app-view";
import { deployNotebookBlock } from "@/lib/webapps/deploy-notebook-block";
import { deployProgressResponse, wantsNdjson } from "@/lib/webapps/deploy-progress-response";

// Deploy (or redeploy) a webapp block, named by id or by index; stop, logs and the rest go through /api/apps/:id.
export const POST = withRoute<RouteParams<{ id: string; block: string }>>(
  async (request, { params, user }) => {
    const { id, block } = await params;
    const app = await deployNotebookBlock({ userId: user.id, notebookId: id, block: blockRefSchema.parse(block) });
    const view = toAppView(app, getSettings());
    return wantsNdjson(request) ? deployProgressResponse(view) : Response.json(view, { status: 202 });
  },
  { auth: "user" },
);

import { z } from "zod";
import { getSettings } from "@/lib/config/settings";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { toAppView } from "@/lib/webapps/app-view";
import { deployNotebookBlock } from "@/lib/webapps/deploy-notebook-block";
import { deployProgressResponse, wantsNdjson } from "@/lib/webapps/deploy-progress-response";

const blockIndex = z.coerce.number({ error: "The block index must be a number." }).int().min(0);

// Deploy (or redeploy) a webapp block; stop, logs and the rest go through /api/apps/:id.
export const POST = withRoute<RouteParams<{ id: string; index: string }>>(
  async (request, { params, user }) => {
    const { id, index } = await params;
    const app = await deployNotebookBlock({ userId: user.id, notebookId: id, blockIndex: blockIndex.parse(index) });
    const view = toAppView(app, getSettings());
    return wantsNdjson(request) ? deployProgressResponse(view) : Response.json(view, { status: 202 });
  },
  { auth: "user" },
);

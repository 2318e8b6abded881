import { getSettings } from "@/lib/config/settings";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { resolveAppCaller } from "@/lib/webapps/app-caller";
import { toAppView } from "@/lib/webapps/app-view";
import { deployProgressResponse, wantsNdjson } from "@/lib/webapps/deploy-progress-response";
import { findAppFor } from "@/lib/webapps/find-app-for";
import { redeployApp } from "@/lib/webapps/redeploy-app";

// A running app keeps serving until the new build answers; the reply comes as the build starts.
export const POST = withRoute<RouteParams<{ id: string }>>(async (request, { params }) => {
  const app = await findAppFor(await resolveAppCaller(request), (await params).id, "manage");
  const view = toAppView(await redeployApp(app), getSettings());
  return wantsNdjson(request) ? deployProgressResponse(view) : Response.json(view, { status: 202 });
});

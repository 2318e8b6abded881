import { getSettings } from "@/lib/config/settings";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { resolveAppCaller } from "@/lib/webapps/app-caller";
import { toAppView } from "@/lib/webapps/app-view";
import { findAppFor } from "@/lib/webapps/find-app-for";
import { startApp } from "@/lib/webapps/start-app";

export const POST = withRoute<RouteParams<{ id: string }>>(async (request, { params }) => {
  const app = await findAppFor(await resolveAppCaller(request), (await params).id, "manage");
  return Response.json(toAppView(await startApp(app.id), getSettings()));
});

import { getSettings } from "@/lib/config/settings";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { resolveAppCaller } from "@/lib/webapps/app-caller";
import { toAppView } from "@/lib/webapps/app-view";
import { listNotebookApps } from "@/lib/webapps/find-app-for";

// The apps deployed from this notebook's blocks, for anyone who may read it: what the page's
// webapp blocks show (a signed-out holder of a share link included).
export const GET = withRoute<RouteParams<{ id: string }>>(async (request, { params }) => {
  const apps = await listNotebookApps(await resolveAppCaller(request, { links: true }), (await params).id);
  const settings = getSettings();
  return Response.json({ apps: apps.map((app) => toAppView(app, settings)) }, { headers: { "cache-control": "no-store" } });
});

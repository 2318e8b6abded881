import { getSettings } from "@/lib/config/settings";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { resolveAppCaller } from "@/lib/webapps/app-caller";
import { toAppView } from "@/lib/webapps/app-view";
import { deleteApp } from "@/lib/webapps/delete-app";
import { findAppFor } from "@/lib/webapps/find-app-for";

type Params = RouteParams<{ id: string }>;

export const GET = withRoute<Params>(async (request, { params }) => {
  const app = await findAppFor(await resolveAppCaller(request, { links: true }), (await params).id, "read");
  return Response.json(toAppView(app, getSettings()), { headers: { "cache-control": "no-store" } });
});

export const DELETE = withRoute<Params>(async (request, { params }) => {
  const app = await findAppFor(await resolveAppCaller(request), (await params).id, "manage");
  await deleteApp(app.id);
  return Response.json({ id: app.id, deleted: true });
});

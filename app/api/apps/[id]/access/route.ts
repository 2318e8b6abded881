import { getSettings } from "@/lib/config/settings";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { grantAppAccess } from "@/lib/webapps/app-access-grant";
import { resolveAppCaller } from "@/lib/webapps/app-caller";
import { appAccessUrl, appOrigin } from "@/lib/webapps/app-access-url";

// The URL a notebook page puts in its iframe: the app's subdomain, with a two-minute token that
// the proxy trades for a cookie when the app is private. A share link's holder gets one too.
export const GET = withRoute<RouteParams<{ id: string }>>(async (request, { params }) => {
  const { appId, token } = await grantAppAccess({ appId: (await params).id, caller: await resolveAppCaller(request, { links: true }) });
  const url = appAccessUrl(appOrigin(appId, request, getSettings().APPS_DOMAIN), token);
  return Response.json({ url }, { headers: { "cache-control": "no-store" } });
});

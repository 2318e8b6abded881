import { getSettings } from "@/lib/config/settings";
import { withRoute } from "@/lib/http/with-route";
import { resolveAppCaller } from "@/lib/webapps/app-caller";
import { toAppView } from "@/lib/webapps/app-view";
import { createApp } from "@/lib/webapps/create-app";
import { deployProgressResponse, wantsNdjson } from "@/lib/webapps/deploy-progress-response";
import { listAppsFor } from "@/lib/webapps/find-app-for";
import { withUploadSlot } from "@/lib/webapps/upload-slots";
import { parseCreateAppRequest } from "./create-app-request";

export const GET = withRoute(async (request) => {
  const caller = await resolveAppCaller(request);
  const settings = getSettings();
  const apps = (await listAppsFor(caller)).map((app) => toAppView(app, settings));
  return Response.json({ apps }, { headers: { "cache-control": "no-store" } });
});

// Answers at once with status "building"; the build goes on in the background (follow it with
// GET /api/apps/:id, its logs, or ask for `Accept: application/x-ndjson` to stream it here).
export const POST = withRoute(async (request) => {
  const caller = await resolveAppCaller(request);
  const settings = getSettings();
  const ownerId = caller.kind === "user" ? caller.user.id : null;
  const app = await withUploadSlot(ownerId ?? "runner", settings.APP_MAX_CONCURRENT_UPLOADS, async () =>
    createApp({ ...(await parseCreateAppRequest(request, settings)), ownerId }),
  );
  const view = toAppView(app, settings);
  return wantsNdjson(request) ? deployProgressResponse(view) : Response.json(view, { status: 201 });
});

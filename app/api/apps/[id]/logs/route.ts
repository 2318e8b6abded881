import { Readable } from "node:stream";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { resolveAppCaller } from "@/lib/webapps/app-caller";
import { appLogs, followAppLogs } from "@/lib/webapps/app-logs";
import { findAppFor } from "@/lib/webapps/find-app-for";
import { appLogsQuerySchema } from "./request-schema";

const TEXT = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" };

export const GET = withRoute<RouteParams<{ id: string }>>(async (request, { params }) => {
  const app = await findAppFor(await resolveAppCaller(request, { links: true }), (await params).id, "read");
  const { tail, follow } = appLogsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  if (follow !== "1" && follow !== "true") return new Response(await appLogs(app, tail), { headers: TEXT });
  const stream = await followAppLogs(app, tail);
  // Reader gone → the Docker log connection (or the deploy subscription) is let go.
  request.signal.addEventListener("abort", () => stream.destroy());
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { headers: TEXT });
});

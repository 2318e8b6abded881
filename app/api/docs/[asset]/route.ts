import { readFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/http/app-error";
import { withRoute, type RouteParams } from "@/lib/http/with-route";

// Only these files are served, by name: nothing else under node_modules is reachable.
const PACKAGE_FILES: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

const INIT = `window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });\n`;

export const GET = withRoute<RouteParams<{ asset: string }>>(async (_request, { params }) => {
  const { asset } = await params;
  if (asset === "runnel-docs.js") {
    return new Response(INIT, { headers: { "content-type": "text/javascript; charset=utf-8" } });
  }
  const type = PACKAGE_FILES[asset];
  if (!type) throw new AppError("not_found", "There is no such file in the API reference.");
  const bytes = await readFile(path.join(process.cwd(), "node_modules", "swagger-ui-dist", asset));
  return new Response(new Uint8Array(bytes), { headers: { "content-type": type, "cache-control": "public, max-age=3600" } });
});

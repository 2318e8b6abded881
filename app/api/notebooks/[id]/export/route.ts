import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { exportIpynb } from "@/lib/notebooks/export-ipynb";
import { getNotebook } from "@/lib/notebooks/get-notebook";
import { lastRunOutputs } from "@/lib/notebooks/last-run-outputs";
import { blockKey } from "@/lib/notebook/find-block";
import { shareLinkTokenFor } from "@/lib/sharing/share-link-token";
import { exportQuerySchema } from "./request-schema";

type Context = RouteParams<{ id: string }>;

export const GET = withRoute<Context>(
  async (request, { user, params }) => {
    const { id } = await params;
    const { format, outputs } = exportQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const notebook = await getNotebook(user.id, id, shareLinkTokenFor(request, id));
    const name = fileName(notebook.title, format);
    const headers = { "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" };
    if (format === "md") return new Response(notebook.content, { headers: { ...headers, "Content-Type": "text/markdown; charset=utf-8" } });
    const lastRun = outputs === "last" ? await lastRunOutputs(user.id, notebook.id) : undefined;
    const ipynb = exportIpynb(notebook.content, lastRun && ((block) => lastRun.get(blockKey(block))));
    const body = `${JSON.stringify(ipynb, null, 1)}\n`;
    return new Response(body, { headers: { ...headers, "Content-Type": "application/x-ipynb+json" } });
  },
  { auth: "user" },
);

// A header-safe ASCII name: the title's letters and digits, else "notebook".
function fileName(title: string, format: string): string {
  const stem = title.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80) || "notebook";
  return `${stem}.${format}`;
}

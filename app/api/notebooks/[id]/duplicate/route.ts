import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { duplicateNotebook } from "@/lib/notebooks/duplicate-notebook";
import { shareLinkTokenFor } from "@/lib/sharing/share-link-token";
import { duplicateNotebookSchema } from "./request-schema";

export const POST = withRoute<RouteParams<{ id: string }>>(
  async (request, { user, params }) => {
    const { id } = await params;
    const fields = duplicateNotebookSchema.parse(await readJsonBody(request));
    const notebook = await duplicateNotebook(user.id, id, { linkToken: shareLinkTokenFor(request, id), ...fields });
    return Response.json({ notebook }, { status: 201 });
  },
  { auth: "user" },
);

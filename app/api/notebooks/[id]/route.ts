import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { deleteNotebook } from "@/lib/notebooks/delete-notebook";
import { getNotebook } from "@/lib/notebooks/get-notebook";
import { NOTEBOOK_BODY_MAX_BYTES } from "@/lib/notebooks/notebook-fields";
import { updateNotebook } from "@/lib/notebooks/update-notebook";
import { shareLinkTokenFor } from "@/lib/sharing/share-link-token";
import { updateNotebookSchema } from "./request-schema";

type Context = RouteParams<{ id: string }>;

export const GET = withRoute<Context>(
  async (request, { user, params }) => {
    const { id } = await params;
    return Response.json({ notebook: await getNotebook(user.id, id, shareLinkTokenFor(request, id)) });
  },
  { auth: "user" },
);

export const PATCH = withRoute<Context>(
  async (request, { user, params }) => {
    const fields = updateNotebookSchema.parse(await readJsonBody(request, NOTEBOOK_BODY_MAX_BYTES));
    const notebook = await updateNotebook({ userId: user.id, notebookId: (await params).id, ...fields });
    return Response.json({ notebook });
  },
  { auth: "user" },
);

export const DELETE = withRoute<Context>(
  async (_request, { user, params }) => {
    await deleteNotebook(user.id, (await params).id);
    return new Response(null, { status: 204 });
  },
  { auth: "user" },
);

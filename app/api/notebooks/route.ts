import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute } from "@/lib/http/with-route";
import { createNotebook } from "@/lib/notebooks/create-notebook";
import { listNotebooks } from "@/lib/notebooks/list-notebooks";
import { NOTEBOOK_BODY_MAX_BYTES } from "@/lib/notebooks/notebook-fields";
import { createNotebookSchema } from "./request-schema";

export const GET = withRoute(async (_request, { user }) => Response.json({ notebooks: await listNotebooks(user.id) }), {
  auth: "user",
});

export const POST = withRoute(
  async (request, { user }) => {
    const fields = createNotebookSchema.parse(await readJsonBody(request, NOTEBOOK_BODY_MAX_BYTES));
    const notebook = await createNotebook({ ownerId: user.id, ...fields });
    return Response.json({ notebook }, { status: 201 });
  },
  { auth: "user" },
);

import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute } from "@/lib/http/with-route";
import { createNotebook } from "@/lib/notebooks/create-notebook";
import { listNotebooks } from "@/lib/notebooks/list-notebooks";
import { NOTEBOOK_BODY_MAX_BYTES } from "@/lib/notebooks/notebook-fields";
import { searchNotebooks } from "@/lib/notebooks/search-notebooks";
import { createNotebookSchema, listNotebooksQuerySchema } from "./request-schema";

export const GET = withRoute(
  async (request, { user }) => {
    const { q } = listNotebooksQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    return Response.json({ notebooks: q === undefined ? await listNotebooks(user.id) : await searchNotebooks(user.id, q) });
  },
  { auth: "user" },
);

export const POST = withRoute(
  async (request, { user }) => {
    const fields = createNotebookSchema.parse(await readJsonBody(request, NOTEBOOK_BODY_MAX_BYTES));
    const notebook = await createNotebook({ ownerId: user.id, ...fields });
    return Response.json({ notebook }, { status: 201 });
  },
  { auth: "user" },
);

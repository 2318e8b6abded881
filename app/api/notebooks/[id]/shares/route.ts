import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { listShares } from "@/lib/sharing/list-shares";
import { shareNotebook } from "@/lib/sharing/share-notebook";
import { shareSchema } from "./request-schema";

type Context = RouteParams<{ id: string }>;

export const GET = withRoute<Context>(
  async (_request, { user, params }) => Response.json(await listShares(user.id, (await params).id)),
  { auth: "user" },
);

export const POST = withRoute<Context>(
  async (request, { user, params }) => {
    const fields = shareSchema.parse(await readJsonBody(request));
    const { share, created } = await shareNotebook({ actorId: user.id, notebookId: (await params).id, ...fields });
    return Response.json({ share }, { status: created ? 201 : 200 });
  },
  { auth: "user" },
);

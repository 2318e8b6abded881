import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { changeShareLinkAccess, revokeShareLink } from "@/lib/sharing/share-links";
import { createLinkSchema } from "../request-schema";

type Context = RouteParams<{ id: string; linkId: string }>;

// The same URL, another access: the secret stays.
export const PATCH = withRoute<Context>(
  async (request, { user, params }) => {
    const { id, linkId } = await params;
    const { access } = createLinkSchema.parse(await readJsonBody(request));
    return Response.json({ link: await changeShareLinkAccess(user.id, id, linkId, access) });
  },
  { auth: "user" },
);

export const DELETE = withRoute<Context>(
  async (_request, { user, params }) => {
    const { id, linkId } = await params;
    await revokeShareLink(user.id, id, linkId);
    return new Response(null, { status: 204 });
  },
  { auth: "user" },
);

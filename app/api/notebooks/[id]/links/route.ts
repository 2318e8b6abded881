import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { createShareLink } from "@/lib/sharing/share-links";
import { createLinkSchema } from "./request-schema";

export const POST = withRoute<RouteParams<{ id: string }>>(
  async (request, { user, params }) => {
    const { access } = createLinkSchema.parse(await readJsonBody(request));
    const { id, access: granted, createdAt, path } = await createShareLink(user.id, (await params).id, access);
    // The secret is in the URL, shown this once.
    return Response.json({ link: { id, access: granted, createdAt, url: new URL(path, request.url).toString() } }, { status: 201 });
  },
  { auth: "user" },
);

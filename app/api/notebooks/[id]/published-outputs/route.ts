import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { publishedOutputsFor, publishOutputs, unpublishOutputs } from "@/lib/notebooks/published-outputs";
import { shareLinkTokenFor } from "@/lib/sharing/share-link-token";

type Context = RouteParams<{ id: string }>;

// What readers see under each block until they run it: null when nothing is published.
export const GET = withRoute<Context>(
  async (request, { user, params }) => {
    const { id } = await params;
    return Response.json({ published: await publishedOutputsFor({ userId: user.id, linkToken: shareLinkTokenFor(request, id) }, id) });
  },
  { auth: "user" },
);

export const POST = withRoute<Context>(
  async (_request, { user, params }) => Response.json({ published: await publishOutputs(user.id, (await params).id) }, { status: 201 }),
  { auth: "user" },
);

export const DELETE = withRoute<Context>(
  async (_request, { user, params }) => {
    await unpublishOutputs(user.id, (await params).id);
    return new Response(null, { status: 204 });
  },
  { auth: "user" },
);

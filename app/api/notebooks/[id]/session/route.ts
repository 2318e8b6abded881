import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { closeUserSession, getUserSession, openUserSession } from "@/lib/sessions/user-session";
import { shareLinkTokenFor } from "@/lib/sharing/share-link-token";

type Context = RouteParams<{ id: string }>;

// A run link's holder opens their own session through it: the link's secret comes with the request.

export const POST = withRoute<Context>(
  async (request, { user, params }) => {
    const { id } = await params;
    const { session, created } = await openUserSession(user.id, id, shareLinkTokenFor(request, id));
    return Response.json({ session }, { status: created ? 201 : 200 });
  },
  { auth: "user" },
);

export const GET = withRoute<Context>(
  async (request, { user, params }) => {
    const { id } = await params;
    return Response.json({ session: await getUserSession(user.id, id, shareLinkTokenFor(request, id)) });
  },
  { auth: "user" },
);

export const DELETE = withRoute<Context>(
  async (request, { user, params }) => {
    const { id } = await params;
    await closeUserSession(user.id, id, shareLinkTokenFor(request, id));
    return new Response(null, { status: 204 });
  },
  { auth: "user" },
);

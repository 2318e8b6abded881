import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { closeUserSession, getUserSession, openUserSession } from "@/lib/sessions/user-session";

type Context = RouteParams<{ id: string }>;

export const POST = withRoute<Context>(
  async (_request, { user, params }) => {
    const { session, created } = await openUserSession(user.id, (await params).id);
    return Response.json({ session }, { status: created ? 201 : 200 });
  },
  { auth: "user" },
);

export const GET = withRoute<Context>(
  async (_request, { user, params }) => Response.json({ session: await getUserSession(user.id, (await params).id) }),
  { auth: "user" },
);

export const DELETE = withRoute<Context>(
  async (_request, { user, params }) => {
    await closeUserSession(user.id, (await params).id);
    return new Response(null, { status: 204 });
  },
  { auth: "user" },
);

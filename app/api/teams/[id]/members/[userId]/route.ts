import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { changeTeamMember, removeTeamMember } from "@/lib/teams/change-team-member";
import { changeMemberSchema } from "./request-schema";

type Context = RouteParams<{ id: string; userId: string }>;

export const PATCH = withRoute<Context>(
  async (request, { user, params }) => {
    const { role } = changeMemberSchema.parse(await readJsonBody(request));
    const { id, userId } = await params;
    return Response.json({ member: await changeTeamMember({ actorId: user.id, teamId: id, userId, role }) });
  },
  { auth: "user" },
);

export const DELETE = withRoute<Context>(
  async (_request, { user, params }) => {
    const { id, userId } = await params;
    await removeTeamMember({ actorId: user.id, teamId: id, userId });
    return new Response(null, { status: 204 });
  },
  { auth: "user" },
);

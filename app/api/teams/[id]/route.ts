import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { deleteTeam } from "@/lib/teams/delete-team";
import { getTeam } from "@/lib/teams/get-team";
import { deleteTeamSchema } from "./request-schema";

type Context = RouteParams<{ id: string }>;

export const GET = withRoute<Context>(async (_request, { user, params }) => Response.json({ team: await getTeam(user.id, (await params).id) }), {
  auth: "user",
});

// The body says what becomes of the team's notebooks: nothing is deleted by default.
export const DELETE = withRoute<Context>(
  async (request, { user, params }) => {
    const fate = deleteTeamSchema.parse(await readJsonBody(request));
    return Response.json(await deleteTeam(user.id, (await params).id, fate));
  },
  { auth: "user" },
);

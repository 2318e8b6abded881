import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute } from "@/lib/http/with-route";
import { createTeam } from "@/lib/teams/create-team";
import { listTeams } from "@/lib/teams/list-teams";
import { createTeamSchema } from "./request-schema";

export const GET = withRoute(async (_request, { user }) => Response.json({ teams: await listTeams(user.id) }), { auth: "user" });

export const POST = withRoute(
  async (request, { user }) => {
    const { name } = createTeamSchema.parse(await readJsonBody(request));
    return Response.json({ team: await createTeam(user.id, name) }, { status: 201 });
  },
  { auth: "user" },
);

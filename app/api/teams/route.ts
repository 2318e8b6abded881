import { z } from "zod";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute } from "@/lib/http/with-route";
import { createTeam } from "@/lib/teams/create-team";
import { listTeams } from "@/lib/teams/list-teams";

const createTeamSchema = z.object({
  name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
});

export const GET = withRoute(async (_request, { user }) => Response.json({ teams: await listTeams(user.id) }), { auth: "user" });

export const POST = withRoute(
  async (request, { user }) => {
    const { name } = createTeamSchema.parse(await readJsonBody(request));
    return Response.json({ team: await createTeam(user.id, name) }, { status: 201 });
  },
  { auth: "user" },
);

import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { addTeamMember } from "@/lib/teams/add-team-member";
import { addMemberSchema } from "./request-schema";

export const POST = withRoute<RouteParams<{ id: string }>>(
  async (request, { user, params }) => {
    const fields = addMemberSchema.parse(await readJsonBody(request));
    const member = await addTeamMember({ actorId: user.id, teamId: (await params).id, ...fields });
    return Response.json({ member }, { status: 201 });
  },
  { auth: "user" },
);

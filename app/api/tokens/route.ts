import { createApiToken } from "@/lib/auth/create-api-token";
import { listApiTokens } from "@/lib/auth/list-api-tokens";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute } from "@/lib/http/with-route";
import { createTokenSchema } from "./request-schema";

export const GET = withRoute(async (_request, { user }) => Response.json({ tokens: await listApiTokens(user.id) }), {
  auth: "user",
});

export const POST = withRoute(
  async (request, { user }) => {
    const { name, expiresAt } = createTokenSchema.parse(await readJsonBody(request));
    return Response.json(await createApiToken(user.id, { name, expiresAt: expiresAt === null ? null : new Date(expiresAt) }), { status: 201 });
  },
  { auth: "user" },
);

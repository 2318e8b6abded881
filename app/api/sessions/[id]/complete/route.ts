import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { completeCode } from "@/lib/sessions/complete-code";
import { linkTokensOf } from "@/lib/sharing/share-link-token";
import { completeSchema } from "./request-schema";

export const POST = withRoute<RouteParams<{ id: string }>>(
  async (request, { user, params }) => {
    const body = completeSchema.parse(await readJsonBody(request, 512 * 1024));
    const completion = await completeCode({ userId: user.id, sessionId: (await params).id, ...body, linkTokens: linkTokensOf(request) });
    return Response.json(completion);
  },
  { auth: "user" },
);

import { answerInput } from "@/lib/executions/answer-input";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { inputSchema } from "./request-schema";

export const POST = withRoute<RouteParams<{ id: string }>>(
  async (request, { user, params }) => {
    const { value } = inputSchema.parse(await readJsonBody(request, 2 * 1024 ** 2));
    await answerInput(user.id, (await params).id, value);
    return new Response(null, { status: 204 });
  },
  { auth: "user" },
);

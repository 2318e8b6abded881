import { ndjsonResponse } from "@/lib/executions/ndjson-response";
import { startExecution } from "@/lib/executions/start-execution";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute } from "@/lib/http/with-route";
import { linkTokensOf } from "@/lib/sharing/share-link-token";
import { runBlockSchema } from "./request-schema";

export const dynamic = "force-dynamic";

export const POST = withRoute(
  async (request, { user }) => {
    const body = runBlockSchema.parse(await readJsonBody(request));
    return ndjsonResponse(await startExecution({ userId: user.id, ...body, linkTokens: linkTokensOf(request) }));
  },
  { auth: "user" },
);

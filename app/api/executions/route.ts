import { ndjsonResponse } from "@/lib/executions/ndjson-response";
import { startChainedExecution } from "@/lib/executions/start-chained-execution";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute } from "@/lib/http/with-route";
import { linkTokensOf } from "@/lib/sharing/share-link-token";
import { runBlockSchema } from "./request-schema";

export const dynamic = "force-dynamic";

export const POST = withRoute(
  async (request, { user }) => {
    const { sessionId, blockId, blockIndex, version } = runBlockSchema.parse(await readJsonBody(request));
    const block = blockId !== undefined ? { id: blockId } : { index: blockIndex! };
    return ndjsonResponse(await startChainedExecution({ userId: user.id, sessionId, block, version, linkTokens: linkTokensOf(request) }));
  },
  { auth: "user" },
);

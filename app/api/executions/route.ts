import { z } from "zod";
import { ndjsonResponse } from "@/lib/executions/ndjson-response";
import { startExecution } from "@/lib/executions/start-execution";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute } from "@/lib/http/with-route";
import { linkTokensOf } from "@/lib/sharing/share-link-token";

export const dynamic = "force-dynamic";

const runSchema = z.object({
  sessionId: z.string().min(1).max(100),
  blockIndex: z.number().int().min(0).max(100_000),
  version: z.number().int().positive().optional(),
});

export const POST = withRoute(
  async (request, { user }) => {
    const body = runSchema.parse(await readJsonBody(request));
    return ndjsonResponse(await startExecution({ userId: user.id, ...body, linkTokens: linkTokensOf(request) }));
  },
  { auth: "user" },
);

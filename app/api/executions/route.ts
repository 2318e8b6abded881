import { z } from "zod";
import { ndjsonResponse } from "@/lib/executions/ndjson-response";
import { keepRunning } from "@/lib/executions/live-executions";
import { startExecution } from "@/lib/executions/start-execution";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute } from "@/lib/http/with-route";
import { isBlockId } from "@/lib/notebook/block-id";
import { linkTokensOf } from "@/lib/sharing/share-link-token";

export const dynamic = "force-dynamic";

const runSchema = z
  .object({
    sessionId: z.string().min(1).max(100),
    blockId: z.string().refine(isBlockId, "blockId is not a block id: a letter, then letters, digits, '_' or '-'.").optional(),
    blockIndex: z.number().int().min(0).max(100_000).optional(),
    version: z.number().int().positive().optional(),
  })
  .refine((body) => (body.blockId === undefined) !== (body.blockIndex === undefined), "Name the block by blockId or by blockIndex, one of the two.");

export const POST = withRoute(
  async (request, { user }) => {
    const { sessionId, blockId, blockIndex, version } = runSchema.parse(await readJsonBody(request));
    const block = blockId !== undefined ? { id: blockId } : { index: blockIndex! };
    const handle = await startExecution({ userId: user.id, sessionId, block, version, linkTokens: linkTokensOf(request) });
    return ndjsonResponse(keepRunning(handle).from(0));
  },
  { auth: "user" },
);

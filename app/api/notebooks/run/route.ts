import { z } from "zod";
import { ndjsonResponse } from "@/lib/executions/ndjson-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute } from "@/lib/http/with-route";
import { NOTEBOOK_BODY_MAX_BYTES } from "@/lib/notebooks/notebook-fields";
import { runScratchNotebook } from "@/lib/scratch-runs/run-scratch-notebook";

export const dynamic = "force-dynamic";

const runSchema = z.object({
  content: z.string(),
  stopOnFailure: z.boolean().default(true),
});

export const POST = withRoute(
  async (request, { user }) => {
    const body = runSchema.parse(await readJsonBody(request, NOTEBOOK_BODY_MAX_BYTES));
    const run = await runScratchNotebook({ userId: user.id, ...body });
    return ndjsonResponse(run.events, () => run.cancel());
  },
  { auth: "user" },
);

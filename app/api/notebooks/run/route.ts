import { ndjsonResponse } from "@/lib/executions/ndjson-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute } from "@/lib/http/with-route";
import { NOTEBOOK_BODY_MAX_BYTES } from "@/lib/notebooks/notebook-fields";
import { runScratchNotebook } from "@/lib/scratch-runs/run-scratch-notebook";
import { runScratchNotebookSchema } from "./request-schema";

export const dynamic = "force-dynamic";

export const POST = withRoute(
  async (request, { user }) => {
    const body = runScratchNotebookSchema.parse(await readJsonBody(request, NOTEBOOK_BODY_MAX_BYTES));
    const run = await runScratchNotebook({ userId: user.id, ...body });
    return ndjsonResponse(run.events, () => run.cancel());
  },
  { auth: "user" },
);

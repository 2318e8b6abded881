import { z } from "zod";
import { followExecution } from "@/lib/executions/follow-execution";
import { ndjsonResponse } from "@/lib/executions/ndjson-response";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { linkTokensOf } from "@/lib/sharing/share-link-token";

export const dynamic = "force-dynamic";

const fromSchema = z.coerce
  .number({ error: "from must be the number of events already read." })
  .int("from must be a whole number.")
  .min(0, "from cannot be negative.")
  .max(10_000_000, "from is past any run's events.");

// The run's NDJSON stream again, from the `from`-th event (0: from its start event).
export const GET = withRoute<RouteParams<{ id: string }>>(
  async (request, { user, params }) => {
    const from = fromSchema.parse(new URL(request.url).searchParams.get("from") ?? 0);
    return ndjsonResponse(await followExecution(user.id, (await params).id, from, linkTokensOf(request)));
  },
  { auth: "user" },
);

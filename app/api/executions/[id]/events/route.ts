import { followExecution } from "@/lib/executions/follow-execution";
import { ndjsonResponse } from "@/lib/executions/ndjson-response";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { linkTokensOf } from "@/lib/sharing/share-link-token";
import { eventsFromSchema } from "./request-schema";

export const dynamic = "force-dynamic";

// The run's NDJSON stream again, from the `from`-th event (0: from its start event).
export const GET = withRoute<RouteParams<{ id: string }>>(
  async (request, { user, params }) => {
    const from = eventsFromSchema.parse(new URL(request.url).searchParams.get("from") ?? 0);
    return ndjsonResponse(await followExecution(user.id, (await params).id, from, linkTokensOf(request)));
  },
  { auth: "user" },
);

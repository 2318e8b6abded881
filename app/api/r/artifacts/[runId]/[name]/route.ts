import { decodeSegment } from "@/lib/http/decode-segment";
import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { getRArtifact } from "@/lib/r-runner/get-r-artifact";
import { readerCaller } from "@/lib/r-runner/runner-caller";

export const GET = withRoute<RouteParams<{ runId: string; name: string }>>(async (request, { params }) => {
  const caller = await readerCaller(request);
  const { runId, name } = await params;
  return getRArtifact(caller, runId, decodeSegment(name));
});

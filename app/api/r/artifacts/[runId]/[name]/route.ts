import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { getRArtifact } from "@/lib/r-runner/get-r-artifact";
import { readerCaller } from "@/lib/r-runner/runner-caller";

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export const GET = withRoute<RouteParams<{ runId: string; name: string }>>(async (request, { params }) => {
  const caller = await readerCaller(request);
  const { runId, name } = await params;
  return getRArtifact(caller, runId, decodeSegment(name));
});

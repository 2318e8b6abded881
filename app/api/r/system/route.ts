import { withRoute } from "@/lib/http/with-route";
import { getRSystem } from "@/lib/r-runner/r-system";
import { readerCaller } from "@/lib/r-runner/runner-caller";

export const dynamic = "force-dynamic";

export const GET = withRoute(async (request) => {
  await readerCaller(request);
  return Response.json(await getRSystem());
});

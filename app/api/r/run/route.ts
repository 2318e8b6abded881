import { getSettings } from "@/lib/config/settings";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute } from "@/lib/http/with-route";
import { runRScript } from "@/lib/r-runner/run-r-script";
import { scriptCaller } from "@/lib/r-runner/runner-caller";
import { runRScriptSchema } from "./request-schema";

export const dynamic = "force-dynamic";

// JSON escaping can double a script's size (quotes, backslashes, newlines); the script's own
// size is checked against MAX_SCRIPT_BYTES once parsed.
const bodyLimit = () => 2 * getSettings().MAX_SCRIPT_BYTES + 64 * 1024;

export const POST = withRoute(async (request) => {
  const caller = await scriptCaller(request);
  const { script } = runRScriptSchema.parse(await readJsonBody(request, bodyLimit()));
  return Response.json(await runRScript(script, caller), { headers: { "Cache-Control": "no-store" } });
});

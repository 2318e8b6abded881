import { getSettings } from "@/lib/config/settings";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute } from "@/lib/http/with-route";
import { requestTooLarge, runRScript } from "@/lib/r-runner/run-r-script";
import { scriptCaller } from "@/lib/r-runner/runner-caller";
import { runRScriptSchema } from "./request-schema";

export const dynamic = "force-dynamic";

// JSON escaping makes a script at most six times its size (a control character is \u00XX), so a
// body this size carries any script within MAX_SCRIPT_BYTES; the script's own size is checked
// against it once parsed.
const bodyLimit = (maxScriptBytes: number) => 6 * maxScriptBytes + 64 * 1024;

export const POST = withRoute(async (request) => {
  const caller = await scriptCaller(request);
  const settings = getSettings();
  const body = await readJsonBody(request, bodyLimit(settings.MAX_SCRIPT_BYTES), requestTooLarge(settings));
  const { script } = runRScriptSchema.parse(body);
  return Response.json(await runRScript(script, caller), { headers: { "Cache-Control": "no-store" } });
});

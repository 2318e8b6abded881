import type { Settings } from "../config/settings";
import { SandboxGoneError, type RunSpec } from "../containers/agent-connection";
import type { ExitEvent } from "../containers/agent-protocol";
import type { Sandbox } from "../containers/backend";
import { keepArtifact, type ArtifactCaps, type KeptArtifact } from "../artifacts/keep-artifact";
import { R_OUTPUT_DIR } from "./r-sandbox-spec";

export type CollectedRRun = {
  stdout: string;
  stderr: string;
  /** What went wrong outside the script (the agent could not start it, the container died). */
  runtimeErrors: string[];
  exit: ExitEvent | null;
  files: KeptArtifact[];
  /** What was dropped, in words: output past the cap, output files past the caps. */
  notes: string[];
};

/**
 * Runs the script through the sandbox's agent (the one engine notebook blocks use) and gathers
 * its events: the agent enforces the timeout and the output cap at the source, and announces
 * the regular files left in the output folder, which are read back within the seed's caps.
 */
export async function collectRRun(sandbox: Sandbox, spec: RunSpec, settings: Settings): Promise<CollectedRRun> {
  const run: CollectedRRun = { stdout: "", stderr: "", runtimeErrors: [], exit: null, files: [], notes: [] };
  const caps: ArtifactCaps = {
    maxCount: settings.MAX_ARTIFACT_COUNT,
    maxBytes: settings.MAX_ARTIFACT_BYTES,
    countSetting: "MAX_ARTIFACT_COUNT",
    bytesSetting: "MAX_ARTIFACT_BYTES",
  };
  let truncated = false;
  const overCount: string[] = [];
  try {
    for await (const event of sandbox.run(spec).events) {
      if (event.type === "output") run[event.stream] += event.data;
      else if (event.type === "truncated") truncated = true;
      else if (event.type === "error") run.runtimeErrors.push(event.message);
      else if (event.type === "artifact") {
        const kept = await keepArtifact(sandbox, R_OUTPUT_DIR, event, run.files.length, caps);
        if (!("skipped" in kept)) run.files.push(kept);
        else if (kept.skipped === "count") overCount.push(event.name);
        else run.notes.push(kept.note);
      } else if (event.type === "exit") {
        run.exit = event;
        truncated ||= event.truncated;
      }
    }
  } catch (error) {
    if (!(error instanceof SandboxGoneError)) throw error;
    run.runtimeErrors.push("The R container stopped before the script finished.");
  }
  if (overCount.length) {
    run.notes.push(`Only ${settings.MAX_ARTIFACT_COUNT} output files are kept (MAX_ARTIFACT_COUNT); dropped: ${overCount.join(", ")}.`);
  }
  if (truncated) run.notes.push(`Output past ${settings.EXEC_OUTPUT_MAX_BYTES} bytes was discarded (EXEC_OUTPUT_MAX_BYTES).`);
  if (run.exit?.timedOut) run.notes.push(`The script was stopped after ${settings.RUN_TIMEOUT_SECONDS} s (RUN_TIMEOUT_SECONDS).`);
  if (run.exit?.oomKilled) run.notes.push("The script ran out of memory and was stopped (SESSION_MEMORY).");
  return run;
}

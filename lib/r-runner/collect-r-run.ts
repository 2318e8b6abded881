import type { Settings } from "../config/settings";
import { SandboxGoneError, type ExitEvent, type RunSpec, type Sandbox } from "../containers/backend";
import { keepArtifact, skippedArtifactNote, type KeptArtifact } from "../artifacts/keep-artifact";

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
 * its events: the agent enforces the timeout, the output cap and the output-file caps at the
 * source, and sends the regular files left in the output folder (links, FIFOs and the like are
 * skipped with a reason).
 */
export async function collectRRun(sandbox: Sandbox, spec: RunSpec, settings: Settings): Promise<CollectedRRun> {
  const run: CollectedRRun = { stdout: "", stderr: "", runtimeErrors: [], exit: null, files: [], notes: [] };
  let truncated = false;
  try {
    for await (const event of sandbox.run(spec).events) {
      if (event.type === "output") run[event.stream] += event.data;
      else if (event.type === "truncated") truncated = true;
      else if (event.type === "error") run.runtimeErrors.push(event.message);
      else if (event.type === "artifact-skipped") run.notes.push(skippedArtifactNote(event));
      else if (event.type === "artifact") {
        const kept = keepArtifact(event.name, event.content);
        if ("skipped" in kept) run.notes.push(kept.note);
        else run.files.push(kept);
      } else if (event.type === "exit") {
        run.exit = event;
        truncated ||= event.truncated;
      }
    }
  } catch (error) {
    if (!(error instanceof SandboxGoneError)) throw error;
    run.runtimeErrors.push("The R container stopped before the script finished.");
  }
  if (truncated) run.notes.push(`Output past ${settings.EXEC_OUTPUT_MAX_BYTES} bytes was discarded (EXEC_OUTPUT_MAX_BYTES).`);
  if (run.exit?.timedOut) run.notes.push(`The script was stopped after ${settings.RUN_TIMEOUT_SECONDS} s (RUN_TIMEOUT_SECONDS).`);
  if (run.exit?.oomKilled) run.notes.push("The script ran out of memory and was stopped (SESSION_MEMORY).");
  return run;
}

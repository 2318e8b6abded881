import type { Settings } from "../config/settings";
import type { OneShotSpec } from "../containers/backend";
import { instanceLabel } from "../sessions/sandbox-spec";

export const R_RUN_KIND = "r-run";
/** When a run's container is overdue for removal: the sweep removes any still there after it. */
export const EXPIRES_LABEL = "runnel.expires";

const SCRIPT = "script.R";
const OUTPUT_DIR = "output";
// Removal of a timed-out container and the rest of the bookkeeping fit well within this.
const SWEEP_GRACE_MS = 5 * 60_000;

/** One R script as a one-shot container run: the session limits, no network, output/ collected. */
export function rRunSpec(settings: Settings, options: { image: string; script: string; owner: string; runId: string }): OneShotSpec {
  const timeoutMs = settings.RUN_TIMEOUT_SECONDS * 1000;
  return {
    image: options.image,
    labels: {
      "runnel.kind": R_RUN_KIND,
      "runnel.instance": instanceLabel(settings),
      "runnel.owner": options.owner,
      "runnel.run": options.runId,
      [EXPIRES_LABEL]: String(Date.now() + timeoutMs + SWEEP_GRACE_MS),
    },
    limits: {
      cpus: settings.SESSION_CPUS,
      memoryBytes: settings.SESSION_MEMORY,
      pids: settings.SESSION_PIDS,
      diskBytes: settings.SESSION_DISK,
    },
    files: [{ path: SCRIPT, content: options.script }],
    // The output folder exists before the script starts, as the seed's did.
    argv: ["sh", "-c", `mkdir -p ${OUTPUT_DIR} && exec Rscript --no-echo ${SCRIPT}`],
    env: { RUNNER_OUTPUT_DIR: `/workspace/${OUTPUT_DIR}` },
    timeoutMs,
    outputCapBytes: settings.EXEC_OUTPUT_MAX_BYTES,
    collect: { dir: OUTPUT_DIR, maxCount: settings.MAX_ARTIFACT_COUNT, maxBytes: settings.MAX_ARTIFACT_BYTES },
  };
}

import type { Settings } from "../config/settings";
import type { RunSpec } from "../containers/backend";
import type { SandboxSpec } from "../containers/backend";
import { instanceLabel } from "../sessions/sandbox-spec";

export const R_RUN_KIND = "r-run";
/** When a run's container is overdue for removal: the sweep removes any still there after it. */
export const EXPIRES_LABEL = "runnel.expires";

const SCRIPT = "script.R";
/** The seed's output folder (under /workspace): the agent makes it before the script and collects it after. */
export const R_OUTPUT_DIR = "output";
// Removal of a timed-out container and the rest of the bookkeeping fit well within this.
const SWEEP_GRACE_MS = 5 * 60_000;

/** A container for one R script: the session limits, no network, the image's agent waiting. */
export function rSandboxSpec(settings: Settings, image: string): SandboxSpec {
  return {
    image,
    labels: {
      "runnel.kind": R_RUN_KIND,
      "runnel.instance": instanceLabel(settings),
      [EXPIRES_LABEL]: String(Date.now() + settings.RUN_TIMEOUT_SECONDS * 1000 + SWEEP_GRACE_MS),
    },
    limits: {
      cpus: settings.SESSION_CPUS,
      memoryBytes: settings.SESSION_MEMORY,
      pids: settings.SESSION_PIDS,
      diskBytes: settings.SESSION_DISK,
    },
  };
}

/** The script as the agent's run: written beside the output folder, run by Rscript. */
export function rRunSpec(settings: Settings, script: string): RunSpec {
  return {
    argv: ["Rscript", "--no-echo", SCRIPT],
    cwd: "/workspace",
    files: [{ path: SCRIPT, content: script }],
    // The agent exports the folder as RUNNEL_OUTPUT; the seed's scripts know it by this name.
    env: { RUNNER_OUTPUT_DIR: `/workspace/${R_OUTPUT_DIR}` },
    timeoutMs: settings.RUN_TIMEOUT_SECONDS * 1000,
    outputCapBytes: settings.EXEC_OUTPUT_MAX_BYTES,
    artifactsDir: `/workspace/${R_OUTPUT_DIR}`,
    artifactMaxCount: settings.MAX_ARTIFACT_COUNT,
    artifactMaxBytes: settings.MAX_ARTIFACT_BYTES,
  };
}

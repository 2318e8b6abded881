import type { Settings } from "../config/settings";
import type { RunSpec, StandbySpec } from "../containers/backend";
import type { SandboxSpec } from "../containers/backend";
import { instanceLabel } from "../sessions/sandbox-spec";

export const R_RUN_KIND = "r-run";
/** When a run's container is overdue for removal: the sweep removes any still there after it. */
export const EXPIRES_LABEL = "runnel.expires";

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

/**
 * Rscript, its default packages loaded, reading the script from the pipe the agent writes it to
 * (`{source}`): the R pool's containers hold it in standby, so a request skips R's start-up.
 * A script that reads stdin gets EOF, as under `Rscript script.R`.
 */
export function rProgram(): StandbySpec {
  return {
    argv: ["Rscript", "--no-echo", "{source}"],
    cwd: "/workspace",
    // The agent exports the folder as RUNNEL_OUTPUT; the seed's scripts know it by this name.
    env: { RUNNER_OUTPUT_DIR: `/workspace/${R_OUTPUT_DIR}` },
    artifactsDir: `/workspace/${R_OUTPUT_DIR}`,
  };
}

/** The script as the agent's run of rProgram(). */
export function rRunSpec(settings: Settings, script: string): RunSpec {
  return {
    ...rProgram(),
    source: script,
    timeoutMs: settings.RUN_TIMEOUT_SECONDS * 1000,
    outputCapBytes: settings.EXEC_OUTPUT_MAX_BYTES,
    maxOutputEvents: settings.MAX_RUN_EVENTS,
    artifactMaxCount: settings.MAX_ARTIFACT_COUNT,
    artifactMaxBytes: settings.MAX_ARTIFACT_BYTES,
  };
}

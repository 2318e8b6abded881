import { randomUUID } from "node:crypto";
import { describeByteSize } from "../config/byte-size";
import { getSettings, type Settings } from "../config/settings";
import type { Sandbox } from "../containers/backend";
import { getContainerBackend } from "../containers/container-backend";
import { exitCodeOf } from "../executions/exit-message";
import { AppError } from "../http/app-error";
import { getLogger } from "../observability/logger";
import { recordContainerCreateFailure, recordRRun } from "../observability/record-activity";
import { collectRRun } from "./collect-r-run";
import { storeRunArtifacts } from "../artifacts/r-run-artifacts";
import { rRunArtifactUrl } from "../artifacts/artifact-urls";
import { getRPool } from "./r-pool";
import { takeRRunSlot } from "./r-run-slot";
import { rRunSpec, rSandboxSpec } from "./r-sandbox-spec";
import { releaseRSandbox, holdRSandbox } from "./r-sandboxes";
import { ownerOf, type RunnerCaller } from "./runner-caller";
import { ensureRunnerImage, runnerImageRef } from "./runner-image";

/** The seed's reply, plus `notes`: what was dropped (artifacts, output past the cap). */
export type RunReply = {
  ok: boolean;
  exit_code: number | null;
  stdout: string;
  stderr: string;
  runtime_stderr: string;
  timed_out: boolean;
  duration_ms: number;
  artifacts: Array<{ name: string; mime: string; bytes: number; url: string }>;
  notes: string[];
};

export function publicBaseUrl(settings: Settings): string {
  return (settings.PUBLIC_BASE_URL ?? `http://localhost:${settings.PORT}`).replace(/\/+$/, "");
}

/**
 * Runs one R script in a fresh container (RUNNER_SCRIPT_IMAGE) through its agent, and keeps its
 * output files for R_ARTIFACT_TTL_MINUTES. The container serves this one script and is removed
 * after it; a started, never-used one from the R pool saves creating it. An oversized script,
 * or one past the caller's or the host's limit, is refused before anything starts.
 */
/** The 413 for a request too large to carry any script within MAX_SCRIPT_BYTES. */
export function requestTooLarge(settings: Settings): AppError {
  return new AppError("payload_too_large", `The request is larger than a script of at most ${describeByteSize(settings.MAX_SCRIPT_BYTES)} (MAX_SCRIPT_BYTES) needs; send a smaller script.`);
}

export async function runRScript(script: string, caller: RunnerCaller): Promise<RunReply> {
  const settings = getSettings();
  const bytes = Buffer.byteLength(script, "utf8");
  if (bytes > settings.MAX_SCRIPT_BYTES) {
    throw new AppError("payload_too_large", `The script is ${describeByteSize(bytes)}, more than the ${describeByteSize(settings.MAX_SCRIPT_BYTES)} a script may have (MAX_SCRIPT_BYTES).`);
  }
  const release = takeRRunSlot(settings, caller);
  const started = Date.now();
  let outcome: "success" | "failure" | "timeout" | "error" = "error";
  try {
    const reply = await runInFreshSandbox(settings, script, caller);
    outcome = reply.timed_out ? "timeout" : reply.ok ? "success" : reply.exit_code === null ? "error" : "failure";
    return reply;
  } finally {
    release();
    recordRRun({ callerId: ownerOf(caller), outcome, durationMs: Date.now() - started });
  }
}

async function runInFreshSandbox(settings: Settings, script: string, caller: RunnerCaller): Promise<RunReply> {
  const image = runnerImageRef(settings.RUNNER_SCRIPT_IMAGE);
  await ensureRunnerImage(image);
  const started = Date.now();
  let sandbox: Sandbox;
  try {
    sandbox = getRPool()?.take() ?? (await getContainerBackend().createSandbox(rSandboxSpec(settings, image)));
  } catch (error) {
    recordContainerCreateFailure("r");
    getLogger().error({ err: error }, "could not start an R container");
    return notStarted("The R container could not be started; check that the Docker engine is running.", started);
  }
  holdRSandbox(sandbox);
  try {
    const run = await collectRRun(sandbox, rRunSpec(settings, script), settings);
    if (!run.exit || run.runtimeErrors.length > 0) {
      return { ...notStarted(run.runtimeErrors.join("\n") || "The script did not finish.", started), stdout: run.stdout, stderr: run.stderr, notes: run.notes };
    }
    const runId = randomUUID();
    const createdAt = new Date();
    const expiresAt = new Date(createdAt.getTime() + settings.R_ARTIFACT_TTL_MINUTES * 60_000);
    const meta = { owner: ownerOf(caller), createdAt: createdAt.toISOString(), expiresAt: expiresAt.toISOString() };
    const stored = run.files.length ? await storeRunArtifacts(settings.dataDir, runId, meta, run.files) : [];
    const base = publicBaseUrl(settings);
    const exitCode = run.exit.timedOut ? null : exitCodeOf(run.exit);
    return {
      ok: exitCode === 0,
      exit_code: exitCode,
      stdout: run.stdout,
      stderr: run.stderr,
      runtime_stderr: "",
      timed_out: run.exit.timedOut,
      duration_ms: run.exit.durationMs,
      artifacts: stored.map((file) => ({ ...file, url: rRunArtifactUrl(base, runId, file.name) })),
      notes: run.notes,
    };
  } finally {
    releaseRSandbox(sandbox);
  }
}

function notStarted(runtimeStderr: string, started: number): RunReply {
  return {
    ok: false,
    exit_code: null,
    stdout: "",
    stderr: "",
    runtime_stderr: runtimeStderr,
    timed_out: false,
    duration_ms: Date.now() - started,
    artifacts: [],
    notes: [],
  };
}

import { randomUUID } from "node:crypto";
import { getSettings, type Settings } from "../config/settings";
import type { CollectedFile, SkippedFile } from "../containers/backend";
import { getContainerBackend } from "../containers/container-backend";
import { isSafeArtifactName } from "../executions/artifact-files";
import { AppError } from "../http/app-error";
import { storeRunArtifacts } from "./r-artifacts";
import { rRunSpec } from "./r-run-spec";
import { takeRRunSlot } from "./r-run-slot";
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

function skipNote(settings: Settings, skipped: SkippedFile[]): string[] {
  const names = (reason: SkippedFile["reason"]) => skipped.filter((s) => s.reason === reason).map((s) => s.name);
  const notes: string[] = [];
  const overCount = names("count");
  if (overCount.length) {
    notes.push(`Only ${settings.MAX_ARTIFACT_COUNT} output files are kept (MAX_ARTIFACT_COUNT); dropped: ${overCount.join(", ")}.`);
  }
  for (const name of names("size")) notes.push(`Dropped ${name}: larger than ${settings.MAX_ARTIFACT_BYTES} bytes (MAX_ARTIFACT_BYTES).`);
  for (const name of names("not-a-file")) notes.push(`Dropped ${name}: not a regular file.`);
  return notes;
}

/**
 * Runs one R script in a fresh container (RUNNER_SCRIPT_IMAGE) and keeps its output files for
 * R_ARTIFACT_TTL_MINUTES. An oversized script is refused before anything starts.
 */
export async function runRScript(script: string, caller: RunnerCaller): Promise<RunReply> {
  const settings = getSettings();
  if (Buffer.byteLength(script, "utf8") > settings.MAX_SCRIPT_BYTES) {
    throw new AppError("payload_too_large", `The script is larger than ${settings.MAX_SCRIPT_BYTES} bytes (MAX_SCRIPT_BYTES).`);
  }
  const release = takeRRunSlot(settings, caller);
  try {
    return await runInFreshContainer(settings, script, caller);
  } finally {
    release();
  }
}

async function runInFreshContainer(settings: Settings, script: string, caller: RunnerCaller): Promise<RunReply> {
  const image = runnerImageRef(settings.RUNNER_SCRIPT_IMAGE);
  await ensureRunnerImage(image);

  const runId = randomUUID();
  const started = Date.now();
  const result = await getContainerBackend().runOnce(rRunSpec(settings, { image, script, owner: ownerOf(caller), runId }));
  if (!result.started) {
    return {
      ok: false,
      exit_code: null,
      stdout: "",
      stderr: "",
      runtime_stderr: result.error,
      timed_out: false,
      duration_ms: Date.now() - started,
      artifacts: [],
      notes: [],
    };
  }

  const notes = skipNote(settings, result.skipped);
  const files: CollectedFile[] = [];
  for (const file of result.files) {
    if (isSafeArtifactName(file.name)) files.push(file);
    else notes.push(`Dropped an output file with an unusable name.`);
  }
  if (result.truncated) notes.push(`Output past ${settings.EXEC_OUTPUT_MAX_BYTES} bytes per stream was discarded (EXEC_OUTPUT_MAX_BYTES).`);
  if (result.timedOut) notes.push(`The script was stopped after ${settings.RUN_TIMEOUT_SECONDS} s (RUN_TIMEOUT_SECONDS).`);

  const createdAt = new Date();
  const expiresAt = new Date(createdAt.getTime() + settings.R_ARTIFACT_TTL_MINUTES * 60_000);
  const stored = files.length
    ? await storeRunArtifacts(settings.dataDir, runId, { owner: ownerOf(caller), createdAt: createdAt.toISOString(), expiresAt: expiresAt.toISOString() }, files)
    : [];
  const base = publicBaseUrl(settings);
  return {
    ok: result.exitCode === 0 && !result.timedOut,
    exit_code: result.exitCode,
    stdout: result.stdout,
    stderr: result.stderr,
    runtime_stderr: "",
    timed_out: result.timedOut,
    duration_ms: result.durationMs,
    artifacts: stored.map((file) => ({ ...file, url: `${base}/api/r/artifacts/${runId}/${encodeURIComponent(file.name)}` })),
    notes,
  };
}

import { randomUUID } from "node:crypto";
import type { Duplex, Readable } from "node:stream";
import type Docker from "dockerode";
import type { CollectedFile, OneShotResult, OneShotSpec, SkippedFile } from "../backend";
import { CappedOutput } from "./capped-output";
import { collectOutputFiles } from "./collect-output-files";
import { removeContainerAndVolume } from "./docker-sandbox";
import { oneShotContainerOptions, oneShotExecOptions } from "./one-shot-config";
import { workspaceVolumeOptions, WORKSPACE } from "./sandbox-config";
import { safeWorkspacePath, workspaceArchive } from "./workspace-archive";

const EXIT_CODE_POLLS = 20;
const EXIT_CODE_POLL_MS = 25;
const REMOVE_ATTEMPTS = 5;
const REMOVE_RETRY_MS = 200;

function isNotFound(error: unknown): boolean {
  return (error as { statusCode?: number }).statusCode === 404;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs spec.argv once in a fresh container and removes the container and its workspace whatever
 * happens (its labels let a sweep find it should this process die first). A failure before the
 * command starts comes back as `{ started: false, error }`, never as the command's own output.
 */
export async function runOnce(docker: Docker, spec: OneShotSpec): Promise<OneShotResult> {
  const volumeName = `runnel-ws-${randomUUID()}`;
  let container: Docker.Container | undefined;
  try {
    let exec: Docker.Exec;
    try {
      await docker.createVolume(workspaceVolumeOptions(volumeName, spec));
      container = await docker.createContainer(oneShotContainerOptions(volumeName, spec));
      await container.start();
      if (spec.files.length > 0) await container.putArchive(workspaceArchive(spec.files), { path: WORKSPACE });
      exec = await container.exec(oneShotExecOptions(spec, WORKSPACE));
    } catch (error) {
      return { started: false, error: `The container could not be started: ${reason(error)}` };
    }
    return await runExec(docker, container, exec, spec);
  } finally {
    await removeWithRetry(docker, container?.id ?? "", volumeName);
  }
}

// A removal already under way (the engine answers 409) or a volume still held for a moment
// must not leave the workspace volume behind: try again briefly, then leave it to the sweep.
async function removeWithRetry(docker: Docker, containerId: string, volumeName: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await removeContainerAndVolume(docker, containerId, volumeName);
      return;
    } catch (error) {
      if (attempt >= REMOVE_ATTEMPTS) {
        console.error(`[containers] removing one-shot container ${containerId.slice(0, 12)} failed`, error);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, REMOVE_RETRY_MS * attempt));
    }
  }
}

async function runExec(docker: Docker, container: Docker.Container, exec: Docker.Exec, spec: OneShotSpec): Promise<OneShotResult> {
  const stdout = new CappedOutput(spec.outputCapBytes);
  const stderr = new CappedOutput(spec.outputCapBytes);
  const started = Date.now();
  let timedOut = false;
  let stream: Duplex;
  try {
    stream = (await exec.start({ hijack: true, stdin: false })) as Duplex;
  } catch (error) {
    return { started: false, error: `The command could not be started: ${reason(error)}` };
  }
  const ended = new Promise<void>((resolve) => {
    stream.on("end", resolve);
    stream.on("close", resolve);
    stream.on("error", () => resolve());
  });
  docker.modem.demuxStream(stream, stdout, stderr);
  const timer = setTimeout(() => {
    timedOut = true;
    // SIGKILL to the whole container (the command cannot ignore it); the caller's finally
    // removes it. The stream is let go at once rather than waiting for the engine.
    stream.destroy();
    container.kill().catch(() => undefined);
  }, spec.timeoutMs);
  try {
    await ended;
  } finally {
    clearTimeout(timer);
  }
  const durationMs = Date.now() - started;

  const exitCode = timedOut ? null : await exitCodeOf(exec);
  const { files, skipped } = timedOut || !spec.collect ? { files: [], skipped: [] } : await collect(container, spec.collect);
  return {
    started: true,
    exitCode,
    stdout: stdout.text(),
    stderr: stderr.text(),
    truncated: stdout.truncated || stderr.truncated,
    timedOut,
    durationMs,
    files,
    skipped,
  };
}

/** The exec's exit code; Docker may record it a moment after the stream ends. */
async function exitCodeOf(exec: Docker.Exec): Promise<number | null> {
  for (let i = 0; i < EXIT_CODE_POLLS; i++) {
    const info = await exec.inspect();
    if (!info.Running && info.ExitCode !== null) return info.ExitCode;
    await new Promise((resolve) => setTimeout(resolve, EXIT_CODE_POLL_MS));
  }
  return null;
}

async function collect(
  container: Docker.Container,
  caps: NonNullable<OneShotSpec["collect"]>,
): Promise<{ files: CollectedFile[]; skipped: SkippedFile[] }> {
  let archive: Readable;
  try {
    archive = (await container.getArchive({ path: `${WORKSPACE}/${safeWorkspacePath(caps.dir)}` })) as Readable;
  } catch (error) {
    if (isNotFound(error)) return { files: [], skipped: [] }; // the command wrote nothing
    throw error;
  }
  return collectOutputFiles(archive, caps);
}

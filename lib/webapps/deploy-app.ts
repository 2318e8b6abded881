import type { App } from "@prisma/client";
import { getSettings } from "../config/settings";
import { getAppBackend } from "../containers/app-container-backend";
import { imageTag } from "../containers/image-tag";
import { getPrisma } from "../db/client";
import { counted } from "../http/counted";
import { storableText } from "../db/jsonb-text";
import type { AppType } from "../notebook/types";
import { withKeyedLock } from "../sessions/keyed-lock";
import { appBuildContext } from "./app-build-context";
import { appContainerSpec, appImageTag } from "./app-container-spec";
import { appSelector } from "./app-labels";
import { appPaths } from "./app-paths";
import { BuildLog } from "./build-log";
import { buildSlots } from "./build-slots";
import { publishDeployEvent } from "./deploy-progress";
import { waitUntilServing } from "./wait-until-serving";
import { recordAppBuild } from "../observability/record-activity";

/** How long a new container may take before its port answers (Gradio imports take a while). */
export const START_TIMEOUT_MS = 120_000;
/** The old container keeps serving this long after the switch: the proxy caches routes for ~1 s. */
export const DRAIN_MS = 3_000;
const LOG_TAIL_ON_FAILURE = 20;
/** A reason may quote the app's own output; what is kept of it stays short (the log has the rest). */
const MAX_REASON_CHARS = 2000;

export const appLockKey = (appId: string) => `app:${appId}`;

export async function setAppStatus(appId: string, data: Partial<Pick<App, "status" | "statusReason" | "containerId" | "hostPort" | "imageTag">>) {
  const reason = data.statusReason && storedReason(data.statusReason);
  const app = await getPrisma().app.update({ where: { id: appId }, data: reason ? { ...data, statusReason: reason } : data });
  if (data.status) publishDeployEvent(appId, { type: "status", status: app.status, reason: app.statusReason });
  return app;
}

/** A reason as stored: it may quote what the app's container or build printed (NUL bytes included). */
function storedReason(reason: string): string {
  const short = reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS)}…` : reason;
  return storableText(short);
}

function message(error: unknown): string {
  if (error instanceof Error && error.name === "AbortError") return "The deploy was cancelled.";
  return error instanceof Error ? error.message : String(error);
}

/**
 * Builds the app's image from its files and template, starts a container, and switches the App
 * row to it once its port answers. An app already running keeps serving from its old container
 * until then (zero-downtime redeploy); the old container and image are removed after a drain.
 * A failed build or start is written to the row (`failed` with the reason) and the build log.
 */
export function deployApp(appId: string, signal: AbortSignal = new AbortController().signal): Promise<void> {
  return withKeyedLock(appLockKey(appId), () => deployLocked(appId, signal));
}

async function deployLocked(appId: string, signal: AbortSignal): Promise<void> {
  const settings = getSettings();
  const backend = getAppBackend();
  const app = await getPrisma().app.findUnique({ where: { id: appId } });
  if (!app || signal.aborted) return;
  const paths = appPaths(settings, appId);
  const log = await BuildLog.open(appId, paths.buildLog, settings.BUILD_LOG_MAX_BYTES);
  const previous = app.status === "running" && app.containerId ? { containerId: app.containerId, imageTag: app.imageTag } : null;
  if (!previous) {
    // A stopped or failed app's old container is of no use to the new deploy.
    if (app.containerId) await backend.removeContainer(app.containerId);
    await setAppStatus(appId, { status: "building", statusReason: null, containerId: null, hostPort: null });
  }

  let tag: string | undefined;
  let containerId: string | undefined;
  try {
    const baseImage = imageTag("webapp-python");
    if (!(await backend.imageExists(baseImage))) {
      throw new Error(`The base image ${baseImage} is missing: run runtime-image/build.sh webapp-python.`);
    }
    const context = await appBuildContext(settings.TEMPLATES_DIR, app.appType as AppType, paths.source);
    const owner = app.ownerId ?? "runner";
    const slots = buildSlots(settings);
    const queued = slots.wouldWait(owner);
    if (queued) {
      // A running app keeps serving, and says `running`, while its redeploy waits.
      const reason = `Waiting for a build slot: ${counted(settings.BUILD_MAX_CONCURRENT, "build")} ${settings.BUILD_MAX_CONCURRENT === 1 ? "runs" : "run"} at once, ${settings.BUILD_MAX_CONCURRENT_PER_USER} per account.`;
      log.line(`[runnel] queued. ${reason}`);
      await setAppStatus(appId, previous ? { statusReason: `A redeploy is queued. ${reason}` } : { status: "queued", statusReason: reason });
    }
    const release = await slots.acquire(owner, signal);
    if (queued) await setAppStatus(appId, previous ? { statusReason: null } : { status: "building", statusReason: null });
    tag = appImageTag(appId);
    log.line(`[runnel] building ${app.appType} app ${appId} as ${tag}`);
    const buildStarted = Date.now();
    await backend.buildImage({
      contextDir: paths.source,
      extraFiles: context.extraFiles,
      dockerfile: context.dockerfile,
      tag,
      labels: appSelector(settings, appId),
      trustedBase: baseImage,
      buildArgs: { BASE_IMAGE: baseImage },
      network: settings.BUILD_ALLOW_NETWORK,
      limits: { memoryBytes: settings.BUILD_MEMORY, cpus: settings.BUILD_CPUS, pids: settings.BUILD_PIDS },
      timeoutMs: settings.BUILD_TIMEOUT_SECONDS * 1000,
      signal,
      onOutput: (line) => log.line(line),
    }).finally(release).then(
      () => recordAppBuild({ appId, appType: app.appType, outcome: "success", durationMs: Date.now() - buildStarted }),
      (error: unknown) => {
        recordAppBuild({ appId, appType: app.appType, outcome: signal.aborted ? "cancelled" : "failure", durationMs: Date.now() - buildStarted });
        throw error;
      },
    );
    signal.throwIfAborted();
    log.line("[runnel] starting the container");
    const started = await backend.runContainer(appContainerSpec(settings, app, tag));
    containerId = started.id;
    const startedId = started.id;
    const hostPort = started.hostPort;
    try {
      if (!hostPort) {
        throw new Error(started.running ? "The container started without a published port." : "The app's container stopped before its port answered.");
      }
      await waitUntilServing({
        hostPort,
        timeoutMs: START_TIMEOUT_MS,
        stillRunning: async () => (await backend.inspectContainer(startedId))?.running ?? false,
        signal,
      });
    } catch (error) {
      const tail = await backend.containerLogs(startedId, LOG_TAIL_ON_FAILURE).catch(() => "");
      for (const line of tail.split("\n").filter(Boolean)) log.line(line);
      throw new Error(tail.trim() ? `${message(error)} Last output: ${tail.trim().split("\n").slice(-3).join(" | ")}` : message(error));
    }
    await setAppStatus(appId, { status: "running", statusReason: null, containerId: startedId, hostPort, imageTag: tag });
    log.line(`[runnel] running on 127.0.0.1:${hostPort}`);
    const oldImage = previous?.imageTag ?? app.imageTag;
    // The new container serves from here on: a failure to retire the old one must not undo it.
    tag = containerId = undefined;
    await retire(previous?.containerId, oldImage).catch((error: unknown) => log.line(`[runnel] could not remove the previous deploy: ${message(error)}`));
  } catch (error) {
    const reason = message(error);
    log.line(`[runnel] deploy failed: ${reason}`);
    if (containerId) await backend.removeContainer(containerId).catch(() => undefined);
    if (tag) await backend.removeImages([tag]).catch(() => undefined);
    if (previous) await setAppStatus(appId, { status: "running", statusReason: `The last deploy failed: ${reason}` });
    else await setAppStatus(appId, { status: "failed", statusReason: reason, containerId: null, hostPort: null });
  } finally {
    await log.close();
  }
}

/** Removes the previous deploy once the new one serves: its container after the drain, then its image. */
async function retire(containerId: string | undefined, image: string | null): Promise<void> {
  const backend = getAppBackend();
  if (containerId) {
    await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
    await backend.removeContainer(containerId);
  }
  // After its container is gone, so the image is deleted, not left dangling.
  if (image) await backend.removeImages([image]);
}

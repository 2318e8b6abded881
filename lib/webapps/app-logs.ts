import type { App } from "@prisma/client";
import { Readable } from "node:stream";
import { getSettings } from "../config/settings";
import { getAppBackend } from "../containers/app-container-backend";
import { appPaths } from "./app-paths";
import { isDeploying } from "./app-status";
import { readBuildLogTail } from "./build-log";
import { subscribeDeployEvents } from "./deploy-progress";
import { pendingDeploy } from "./deploy-tasks";

/**
 * The app's last `tail` log lines: its container's output when it has a container, otherwise
 * (building, or a build that failed) its build log.
 */
export async function appLogs(app: App, tail: number): Promise<string> {
  if (app.containerId && !isDeploying(app.status)) {
    const text = await getAppBackend().containerLogs(app.containerId, tail).catch(() => null);
    if (text !== null) return text;
  }
  return readBuildLogTail(appPaths(getSettings(), app.id).buildLog, tail);
}

/**
 * The last `tail` lines, then new ones as they come: the build's output while it builds (ending
 * when the deploy does), the container's output while it runs (ending when it stops). Destroying
 * the stream lets go of everything it holds.
 */
export async function followAppLogs(app: App, tail: number): Promise<Readable> {
  if (isDeploying(app.status) && pendingDeploy(app.id)) return followBuild(app, tail);
  if (app.containerId) {
    try {
      return await getAppBackend().followContainerLogs(app.containerId, tail);
    } catch {
      // The container is gone: fall back to the build log below.
    }
  }
  return Readable.from([Buffer.from(await appLogs(app, tail))]);
}

async function followBuild(app: App, tail: number): Promise<Readable> {
  const out = new Readable({ read() {} });
  const unsubscribe = subscribeDeployEvents(app.id, (event) => {
    if (event.type === "log") out.push(`${event.line}\n`);
    else if (!isDeploying(event.status)) {
      out.push(`[runnel] ${event.status}${event.reason ? `: ${event.reason}` : ""}\n`);
      out.push(null);
    }
  });
  out.on("close", unsubscribe);
  out.on("end", unsubscribe);
  out.push(await readBuildLogTail(appPaths(getSettings(), app.id).buildLog, tail));
  return out;
}

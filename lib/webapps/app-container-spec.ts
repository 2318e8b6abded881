import type { App } from "@prisma/client";
import { randomBytes } from "node:crypto";
import type { Settings } from "../config/settings";
import type { AppContainerSpec } from "../containers/app-backend";
import { appContainerLabels } from "./app-labels";

const APP_PIDS = 512;
// Types whose servers (http.server, uvicorn) write nothing outside /tmp. Gradio and Streamlit
// write caches under $HOME and could not be tried here (no PyPI); a `docker` app is anyone's.
const READ_ONLY_ROOT = new Set(["static", "fastapi"]);
const APP_USER = "1000:1000";

function envOf(app: App): Record<string, string> {
  const env = app.env;
  if (!env || typeof env !== "object" || Array.isArray(env)) return {};
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value)]));
}

/** The container of one deploy of an app: its image, env, port, labels and the default limits. */
export function appContainerSpec(settings: Settings, app: App, image: string): AppContainerSpec {
  return {
    image,
    // Unique per deploy: during a redeploy the old and the new container run side by side.
    name: `runnel-app-${app.id}-${randomBytes(3).toString("hex")}`,
    labels: appContainerLabels(settings, app),
    port: app.port,
    env: envOf(app),
    limits: { cpus: settings.DEFAULT_CPU_LIMIT, memoryBytes: settings.DEFAULT_MEMORY_LIMIT, pids: APP_PIDS },
    readOnlyRoot: READ_ONLY_ROOT.has(app.appType),
    // The templates' base image runs as app (1000) already; a `docker` app's own USER is not believed.
    ...(app.appType === "docker" && !settings.APP_ALLOW_ROOT ? { user: APP_USER } : {}),
    network: settings.DOCKER_NETWORK,
  };
}

/** A fresh tag per build, so a redeploy's image never replaces the one still serving. */
export function appImageTag(appId: string): string {
  return `runnel-app-${appId}:${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
}

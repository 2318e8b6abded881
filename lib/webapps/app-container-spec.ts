import type { App } from "@prisma/client";
import { randomBytes } from "node:crypto";
import type { Settings } from "../config/settings";
import type { AppContainerSpec } from "../containers/app-backend";
import { appContainerLabels } from "./app-labels";

const APP_PIDS = 512;

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
    network: settings.DOCKER_NETWORK,
  };
}

/** A fresh tag per build, so a redeploy's image never replaces the one still serving. */
export function appImageTag(appId: string): string {
  return `runnel-app-${appId}:${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
}

import { deployApp } from "./deploy-app";

// Deploys run in the background after the route has answered; they are kept here so a caller
// (a test, the NDJSON stream) can wait for one. On globalThis: see deploy-progress.ts.
const key = Symbol.for("runnel.deploy-tasks");
type WithTasks = typeof globalThis & { [key]?: Map<string, Promise<void>> };

function tasks(): Map<string, Promise<void>> {
  const store = globalThis as WithTasks;
  return (store[key] ??= new Map());
}

/** Starts a deploy of the app (queued behind any other operation on it) and returns its promise. */
export function startDeploy(appId: string): Promise<void> {
  const task = deployApp(appId)
    .catch((error: unknown) => console.error(`[apps] deploy of ${appId} failed`, error))
    .finally(() => {
      if (tasks().get(appId) === task) tasks().delete(appId);
    });
  tasks().set(appId, task);
  return task;
}

/** The app's deploy still under way, if any. */
export function pendingDeploy(appId: string): Promise<void> | undefined {
  return tasks().get(appId);
}

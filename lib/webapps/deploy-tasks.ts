import { deployApp } from "./deploy-app";
import { getLogger } from "../observability/logger";

// Deploys run in the background after the route has answered; they are kept here so a caller
// (a test, the NDJSON stream) can wait for one, and delete or stop can cancel them.
// On globalThis: see deploy-progress.ts.
const key = Symbol.for("runnel.deploy-tasks");
type Task = { promise: Promise<void>; controller: AbortController };
type WithTasks = typeof globalThis & { [key]?: Map<string, Set<Task>> };

function allTasks(): Map<string, Set<Task>> {
  const store = globalThis as WithTasks;
  return (store[key] ??= new Map());
}

/** The app's deploys under way; an app with none has no entry (so deleted apps leave nothing). */
function tasks(appId: string): Set<Task> {
  return allTasks().get(appId) ?? new Set();
}

/** Starts a deploy of the app (queued behind any other operation on it) and returns its promise. */
export function startDeploy(appId: string): Promise<void> {
  const controller = new AbortController();
  const promise = deployApp(appId, controller.signal).catch((error: unknown) => getLogger().error({ err: error, appId }, "app deploy failed"));
  const task = { promise, controller };
  const all = allTasks();
  const set = all.get(appId) ?? new Set();
  all.set(appId, set.add(task));
  void promise.finally(() => {
    set.delete(task);
    if (set.size === 0 && all.get(appId) === set) all.delete(appId);
  });
  return promise;
}

/** Resolves when every deploy of the app under way or queued has ended; undefined when there is none. */
export function pendingDeploy(appId: string): Promise<void> | undefined {
  const running = [...tasks(appId)];
  return running.length ? Promise.all(running.map((task) => task.promise)).then(() => undefined) : undefined;
}

/** Cancels the app's deploys: the build is abandoned and what it made removed. */
export function cancelDeploys(appId: string): void {
  for (const task of tasks(appId)) task.controller.abort();
}

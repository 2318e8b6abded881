import type { App } from "@prisma/client";

/** What a deploy reports as it goes: build output lines, then the status it ended in. */
export type DeployEvent =
  | { type: "log"; line: string }
  | { type: "status"; status: App["status"]; reason: string | null };

type Listener = (event: DeployEvent) => void;

// On globalThis: the custom server and Next's route bundles may each load this module.
const key = Symbol.for("runnel.deploy-progress");
type WithListeners = typeof globalThis & { [key]?: Map<string, Set<Listener>> };

function listeners(): Map<string, Set<Listener>> {
  const store = globalThis as WithListeners;
  return (store[key] ??= new Map());
}

export function publishDeployEvent(appId: string, event: DeployEvent): void {
  for (const listener of listeners().get(appId) ?? []) listener(event);
}

/** Calls `listener` with each of the app's deploy events until the returned function is called. */
export function subscribeDeployEvents(appId: string, listener: Listener): () => void {
  const all = listeners();
  const set = all.get(appId) ?? new Set<Listener>();
  set.add(listener);
  all.set(appId, set);
  return () => {
    set.delete(listener);
    if (set.size === 0 && all.get(appId) === set) all.delete(appId);
  };
}

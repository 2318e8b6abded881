import type { Sandbox } from "../containers/backend";

// Live sandboxes by session id. On globalThis because Next may load this module more than once
// in one process (route bundles and the custom server), and there must be one attachment each.
const key = Symbol.for("runnel.sandboxes");
type WithRegistry = typeof globalThis & { [key]?: Map<string, Sandbox> };

export function sandboxRegistry(): Map<string, Sandbox> {
  const store = globalThis as WithRegistry;
  store[key] ??= new Map();
  return store[key];
}

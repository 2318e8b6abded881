import type { Sandbox } from "../containers/backend";
import { getLogger } from "../observability/logger";

// The R containers this process is using, and the removals it has started: the sweep leaves the
// first alone, and a stopping server (or a test) waits for the second.
const key = Symbol.for("runnel.r-sandboxes");
type RSandboxes = { held: Set<string>; removing: Set<Promise<void>> };
type WithRSandboxes = typeof globalThis & { [key]?: RSandboxes };

function state(): RSandboxes {
  return ((globalThis as WithRSandboxes)[key] ??= { held: new Set(), removing: new Set() });
}

export function holdRSandbox(sandbox: Sandbox): void {
  state().held.add(sandbox.id);
}

export function isHeldRSandbox(id: string): boolean {
  return state().held.has(id);
}

/**
 * Removes a used R container after the reply has gone, so its removal (the container and its
 * workspace volume) is not part of the script's latency.
 */
export function releaseRSandbox(sandbox: Sandbox): void {
  const { held, removing } = state();
  const removal: Promise<void> = sandbox
    .remove()
    .catch((error: unknown) => getLogger().error({ err: error, containerId: sandbox.id.slice(0, 12) }, "removing an R sandbox failed"))
    .finally(() => {
      held.delete(sandbox.id);
      removing.delete(removal);
    });
  removing.add(removal);
}

/** Resolves once every R container this process has let go of is removed. */
export async function rSandboxesRemoved(): Promise<void> {
  await Promise.all([...state().removing]);
}

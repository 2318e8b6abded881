import type { Sandbox } from "../containers/backend";

// Runs Runnel was asked to cancel (the Cancel button, the API, a CLI's Ctrl+C). An agent that
// reports a run cancelled that is not here was stopped from outside: its container is being
// stopped, by the engine going down or an operator, and the reader is told that instead.
// On globalThis because Next may load this module more than once in one process.
const key = Symbol.for("runnel.cancelRequests");
type WithRequests = typeof globalThis & { [key]?: Set<string> };

function requests(): Set<string> {
  const store = globalThis as WithRequests;
  store[key] ??= new Set();
  return store[key];
}

export function cancelRun(sandbox: Sandbox, executionId: string): void {
  requests().add(executionId);
  sandbox.cancel(executionId);
}

/** Whether the run's cancel was asked for; forgets it (call once, as the run ends). */
export function takeCancelRequest(executionId: string): boolean {
  return requests().delete(executionId);
}

import type { ExitEvent } from "../containers/agent-protocol";
import { exitCodeOf, exitMessage } from "./exit-message";
import type { ExitSummary } from "./stream-events";

/** The stream's `exit` line for an agent's exit event (a sentence when the block did not end on its own). */
export function exitSummary(event: ExitEvent, limits: { timeoutMs: number; memoryBytes: number }, truncated = event.truncated): ExitSummary {
  // The server's sentence (timeout, memory, cancel) and the kernel's (interrupted, killed, died).
  const message = [exitMessage(event, limits), event.message].filter(Boolean).join(" ") || undefined;
  return {
    type: "exit",
    exitCode: exitCodeOf(event),
    durationMs: event.durationMs,
    truncated,
    timedOut: event.timedOut,
    cancelled: event.cancelled,
    oomKilled: event.oomKilled,
    ...(message ? { message } : {}),
  };
}

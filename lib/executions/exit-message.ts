import { describeByteSize } from "../config/byte-size";
import type { ExitEvent } from "../containers/backend";

/** Why a block did not end on its own, in words, or undefined when it did. */
export function exitMessage(exit: ExitEvent, limits: { timeoutMs: number; memoryBytes: number }): string | undefined {
  if (exit.oomKilled) {
    return `The block ran out of memory and was stopped (the session's limit is ${describeByteSize(limits.memoryBytes)}).`;
  }
  if (exit.timedOut) return `The block ran longer than ${limits.timeoutMs / 1000} s and was stopped.`;
  if (exit.cancelled) return "The block was cancelled.";
  return undefined;
}

export function exitCodeOf(exit: ExitEvent): number | null {
  // 128 + signal, as a shell reports it: a memory kill is 137.
  if (exit.exitCode === null && exit.signal === "SIGKILL") return 137;
  if (exit.exitCode === null && exit.signal === "SIGTERM") return 143;
  return exit.exitCode;
}

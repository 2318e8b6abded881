import type { KernelInfo } from "../containers/backend";
import { KERNEL_RUNTIMES, type KernelRuntime } from "../notebook/run-mode";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import type { KernelState } from "../executions/stream-events";
import type { Runtime } from "../notebook/types";
import { CONTAINER_DIED, liveSandbox } from "./live-sandbox";
import { sandboxRegistry } from "./sandbox-registry";

/** One kernel of a session as the API shows it; startedAt is when its current process started. */
export type KernelView = { runtime: Runtime; state: KernelState; startedAt: string | null };

const view = (kernel: KernelInfo): KernelView => ({ runtime: kernel.runtime, state: kernel.state, startedAt: kernel.startedAt });

/**
 * The kernels a session has started (a language not used yet has none), as its agent reports
 * them. Empty when the session has no attached sandbox or the agent does not answer.
 */
export async function kernelStates(sessionId: string): Promise<KernelView[]> {
  const sandbox = sandboxRegistry().get(sessionId);
  if (!sandbox) return [];
  try {
    return (await sandbox.kernels()).map(view);
  } catch {
    return [];
  }
}

/**
 * Restarts one kernel of the user's own session (or all it has started): the process is killed,
 * a run in it ends saying so, and a fresh kernel starts. Resolves as the restart begins.
 */
export async function restartKernels(userId: string, sessionId: string, runtime?: string): Promise<KernelView[]> {
  if (runtime !== undefined && !(KERNEL_RUNTIMES as readonly string[]).includes(runtime)) {
    throw new AppError(
      "not_found",
      runtime === "go"
        ? "Go has no kernel: each go block is compiled and run on its own, so there is nothing to restart."
        : `There is no ${JSON.stringify(runtime)} kernel; the kernels are ${KERNEL_RUNTIMES.join(", ")}.`,
    );
  }
  const session = await getPrisma().session.findFirst({ where: { id: sessionId, userId } });
  if (!session) throw new AppError("not_found", "There is no such session.");
  if (session.status === "ended") throw new AppError("conflict", "This session has ended. Connect again to start a new one.");
  const sandbox = await liveSandbox(session);
  if (!sandbox) throw new AppError("conflict", CONTAINER_DIED);
  return (await sandbox.restartKernels(runtime as KernelRuntime | undefined)).map(view);
}

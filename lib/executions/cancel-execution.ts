import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { sandboxRegistry } from "../sessions/sandbox-registry";
import { cancelRun } from "./cancel-requests";

/** Cancels the user's own running execution: its whole process tree is killed. Anyone else's run is "not found". */
export async function cancelExecution(userId: string, executionId: string): Promise<void> {
  const execution = await getPrisma().execution.findFirst({ where: { id: executionId, userId } });
  if (!execution) throw new AppError("not_found", "There is no such execution.");
  if (execution.status !== "running") throw new AppError("conflict", "This execution has already finished.");
  const sandbox = sandboxRegistry().get(execution.sessionId);
  if (sandbox) cancelRun(sandbox, execution.id);
}

import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { sandboxRegistry } from "../sessions/sandbox-registry";
import { inputPrompts } from "./input-prompts";

/** Answers the prompt (input(), readline()) the user's own running block waits on. */
export async function answerInput(userId: string, executionId: string, value: string): Promise<void> {
  const execution = await getPrisma().execution.findFirst({ where: { id: executionId, userId } });
  if (!execution) throw new AppError("not_found", "There is no such execution.");
  if (execution.status !== "running") throw new AppError("conflict", "This execution has already finished.");
  const sandbox = sandboxRegistry().get(execution.sessionId);
  if (!sandbox || !inputPrompts().delete(executionId)) {
    throw new AppError("conflict", "No prompt is waiting for input in this run.");
  }
  sandbox.sendInput(executionId, value);
}

import { getPrisma } from "../db/client";
import { forgetLatestRuns } from "./session-latest-runs";

/** When this process started: a run stored as started before it cannot be one this process follows. */
export function processStartedAt(): Date {
  return new Date(Date.now() - process.uptime() * 1000);
}

/**
 * Marks runs stored as `running` that began before this process as `interrupted`: they were in
 * flight when Runnel stopped, and nothing will ever write their end (their agent streams ended
 * with the old process). Called once at start-up, before the first run.
 */
export async function interruptOrphanedRuns(startedBefore = processStartedAt()): Promise<number> {
  const now = new Date();
  const result = await getPrisma().execution.updateMany({
    where: { status: "running", startedAt: { lt: startedBefore } },
    data: { status: "interrupted", finishedAt: now },
  });
  forgetLatestRuns();
  return result.count;
}

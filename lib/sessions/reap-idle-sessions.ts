import { getSettings } from "../config/settings";
import { getPrisma } from "../db/client";
import { endSession } from "./end-session";

/** Ends every session with no run for SESSION_IDLE_MINUTES; returns how many. */
export async function reapIdleSessions(now = new Date()): Promise<number> {
  const idleMinutes = getSettings().SESSION_IDLE_MINUTES;
  const cutoff = new Date(now.getTime() - idleMinutes * 60_000);
  const idle = await getPrisma().session.findMany({
    where: { status: { not: "ended" }, lastActivityAt: { lt: cutoff } },
    select: { id: true },
  });
  for (const { id } of idle) await endSession(id, `The session was idle for ${idleMinutes} minutes.`);
  return idle.length;
}

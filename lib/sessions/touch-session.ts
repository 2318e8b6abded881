import type { Session } from "@prisma/client";
import { getPrisma } from "../db/client";

// The idle reaper works in minutes; recording every run's time would add a database write to
// the hot path of each execution for nothing.
const TOUCH_EVERY_MS = 15_000;

/** Moves the session's lastActivityAt on, at most once every 15 s. */
export async function touchSession(session: Session, now = new Date()): Promise<void> {
  if (now.getTime() - session.lastActivityAt.getTime() < TOUCH_EVERY_MS) return;
  await getPrisma().session.update({ where: { id: session.id }, data: { lastActivityAt: now } });
  session.lastActivityAt = now;
}

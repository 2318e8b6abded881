import type { Settings } from "../config/settings";
import { getPrisma } from "../db/client";
import { RateLimitError } from "../http/app-error";
import { counted } from "../http/counted";
import { hostSessionLimit } from "../limits/host-session-limit";

// Sessions end when disconnected or after SESSION_IDLE_MINUTES; a minute is a fair first wait.
const RETRY_AFTER_SECONDS = 60;

/**
 * Refuses a new session past MAX_SESSIONS_PER_USER or MAX_SESSIONS, before anything is made.
 * The caller holds a lock around this check and the session row's creation, so two connects
 * cannot both take the last place.
 */
export async function assertSessionQuota(settings: Settings, userId: string): Promise<void> {
  const prisma = getPrisma();
  const live = { status: { not: "ended" as const } };
  const mine = await prisma.session.count({ where: { userId, ...live } });
  if (mine >= settings.MAX_SESSIONS_PER_USER) {
    throw new RateLimitError(
      `You already have ${counted(mine, "live session")}, the most one account may have (MAX_SESSIONS_PER_USER). ` +
        "Disconnect a notebook you no longer use, or wait for an idle session to end, then connect again.",
      RETRY_AFTER_SECONDS,
    );
  }
  const limit = hostSessionLimit(settings);
  const all = await prisma.session.count({ where: live });
  if (all >= limit) {
    throw new RateLimitError(
      `This server is running ${counted(all, "session")}, as many as it has room for (MAX_SESSIONS). ` +
        "Try again in a minute or two, when idle sessions have ended.",
      RETRY_AFTER_SECONDS,
    );
  }
}

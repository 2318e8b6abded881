import { reapIdleSessions } from "../sessions/reap-idle-sessions";
import { reconcileSessions } from "../sessions/reconcile-sessions";

const REAP_EVERY_MS = 60_000;

/** The custom server's background work: reconcile once at start-up, then reap idle sessions. */
export function startBackgroundJobs(): () => void {
  reconcileSessions()
    .then(({ removedContainers, endedSessions }) => {
      if (removedContainers || endedSessions) {
        console.log(`[jobs] reconcile: removed ${removedContainers} orphan container(s), ended ${endedSessions} session(s)`);
      }
    })
    .catch((error: unknown) => console.error("[jobs] reconcile failed", error));

  const timer = setInterval(() => {
    reapIdleSessions().catch((error: unknown) => console.error("[jobs] idle reaper failed", error));
  }, REAP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

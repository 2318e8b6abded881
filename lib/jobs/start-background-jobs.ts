import { getSettings } from "../config/settings";
import { reapIdleSessions } from "../sessions/reap-idle-sessions";
import { reconcileSessions } from "../sessions/reconcile-sessions";
import { pooledSandboxSpec } from "../sessions/sandbox-spec";
import { setWarmPool, WarmPool } from "../sessions/warm-pool";

const REAP_EVERY_MS = 60_000;

/**
 * The custom server's background work: reconcile once at start-up, then fill the warm pool and
 * reap idle sessions. Returns a function that stops it all (the pool's containers removed).
 */
export function startBackgroundJobs(): () => Promise<void> {
  const settings = getSettings();
  const pool = settings.WARM_POOL_SIZE > 0 ? new WarmPool(settings.WARM_POOL_SIZE, () => pooledSandboxSpec(settings)) : undefined;
  reconcileSessions()
    .then(({ removedContainers, endedSessions }) => {
      if (removedContainers || endedSessions) {
        console.log(`[jobs] reconcile: removed ${removedContainers} orphan container(s), ended ${endedSessions} session(s)`);
      }
    })
    .catch((error: unknown) => console.error("[jobs] reconcile failed", error))
    .finally(() => {
      setWarmPool(pool);
      pool?.fill();
    });

  const timer = setInterval(() => {
    reapIdleSessions().catch((error: unknown) => console.error("[jobs] idle reaper failed", error));
  }, REAP_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    setWarmPool(undefined);
    await pool?.stop();
  };
}

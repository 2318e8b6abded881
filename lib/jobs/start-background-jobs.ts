import { pruneRevokedSessionTokens } from "../auth/revoke-session-token";
import { getSettings } from "../config/settings";
import { interruptOrphanedRuns } from "../executions/interrupt-orphaned-runs";
import { getLogger } from "../observability/logger";
import { createRPool, setRPool } from "../r-runner/r-pool";
import { rSandboxesRemoved } from "../r-runner/r-sandboxes";
import { sweepRRuns } from "../r-runner/sweep-r-runs";
import { endLiveSessions } from "../sessions/end-live-sessions";
import { reapIdleSessions } from "../sessions/reap-idle-sessions";
import { reconcileSessions } from "../sessions/reconcile-sessions";
import { pooledSandboxSpec } from "../sessions/sandbox-spec";
import { reconcileApps } from "../webapps/reconcile-apps";
import { setWarmPool, WarmPool, warmPythonKernel } from "../sessions/warm-pool";

const REAP_EVERY_MS = 60_000;
const SWEEP_R_RUNS_EVERY_MS = 5 * 60_000;

// A session's first runs come right after its connect: its pool sandbox is replaced a moment later.
const SESSION_POOL_REFILL_AFTER_MS = 3000;

/**
 * The custom server's background work: reconcile once at start-up, then fill the warm pool and
 * reap idle sessions. Returns a function that stops it all: the pool's containers are removed, and
 * so are the live sessions' (their agent streams end with this process).
 */
export function startBackgroundJobs(): () => Promise<void> {
  const settings = getSettings();
  const log = getLogger().child({ job: "background" });
  const pool = settings.WARM_POOL_SIZE > 0 ? new WarmPool(settings.WARM_POOL_SIZE, () => pooledSandboxSpec(settings), warmPythonKernel, SESSION_POOL_REFILL_AFTER_MS) : undefined;
  const rPool = createRPool(settings);
  // Runs in flight when the last process stopped are marked first, so none stays "running".
  interruptOrphanedRuns()
    .then((interrupted) => {
      if (interrupted) log.info(`marked ${interrupted} run(s) in flight at the last stop as interrupted`);
    })
    .catch((error: unknown) => log.error({ err: error }, "marking interrupted runs failed"))
    .then(() => reconcileSessions())
    .then(({ removedContainers, endedSessions, removedWorkspaces }) => {
      if (removedContainers || endedSessions || removedWorkspaces) {
        log.info(
          `reconcile: removed ${removedContainers} orphan container(s) and ${removedWorkspaces} unused workspace volume(s), ended ${endedSessions} session(s)`,
        );
      }
    })
    .catch((error: unknown) => log.error({ err: error }, "reconcile failed"))
    .finally(() => {
      setWarmPool(pool);
      pool?.fill();
      setRPool(rPool);
      rPool?.fill();
    });

  // Web apps outlive a restart: their rows are matched with their containers again.
  reconcileApps()
    .then(({ running, stopped, failed, removedContainers }) => {
      if (running || stopped || failed || removedContainers) {
        log.info(`apps: ${running} running, ${stopped} stopped, ${failed} failed, ${removedContainers} orphan container(s) removed`);
      }
    })
    .catch((error: unknown) => log.error({ err: error }, "app reconcile failed"));

  const timer = setInterval(() => {
    reapIdleSessions().catch((error: unknown) => log.error({ err: error }, "idle reaper failed"));
    pruneRevokedSessionTokens().catch((error: unknown) => log.error({ err: error }, "revoked-token prune failed"));
  }, REAP_EVERY_MS);
  timer.unref();
  // R runner: output files past R_ARTIFACT_TTL_MINUTES, and containers a crash left behind.
  const sweepR = () => sweepRRuns().catch((error: unknown) => log.error({ err: error }, "R run sweep failed"));
  void sweepR();
  const rTimer = setInterval(sweepR, SWEEP_R_RUNS_EVERY_MS);
  rTimer.unref();
  return async () => {
    clearInterval(timer);
    clearInterval(rTimer);
    setWarmPool(undefined);
    setRPool(undefined);
    await Promise.all([pool?.stop(), rPool?.stop(), rSandboxesRemoved(), endLiveSessions("Runnel was stopped; connect again to start a new session.")]);
  };
}

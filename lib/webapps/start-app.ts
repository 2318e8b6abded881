import type { App } from "@prisma/client";
import { getAppBackend } from "../containers/app-container-backend";
import { getPrisma } from "../db/client";
import { withKeyedLock } from "../sessions/keyed-lock";
import { isDeploying } from "./app-status";
import { appLockKey, setAppStatus, START_TIMEOUT_MS } from "./deploy-app";
import { startDeploy } from "./deploy-tasks";
import { waitUntilServing } from "./wait-until-serving";

/**
 * Starts a stopped app's container again and answers once its port does. An app with no
 * container left (a failed build, a container removed by hand) is deployed afresh instead.
 */
export async function startApp(appId: string): Promise<App> {
  const restarted = await withKeyedLock(appLockKey(appId), async () => {
    const app = await getPrisma().app.findUniqueOrThrow({ where: { id: appId } });
    if (app.status === "running" || isDeploying(app.status)) return app;
    const backend = getAppBackend();
    const existing = app.containerId ? await backend.inspectContainer(app.containerId) : null;
    if (!existing) return null;
    try {
      const started = await backend.startContainer(existing.id);
      if (!started.hostPort) throw new Error("The container started without a published port.");
      await waitUntilServing({
        hostPort: started.hostPort,
        timeoutMs: START_TIMEOUT_MS,
        stillRunning: async () => (await backend.inspectContainer(existing.id))?.running ?? false,
      });
      return setAppStatus(appId, { status: "running", statusReason: null, hostPort: started.hostPort });
    } catch (error) {
      await backend.stopContainer(existing.id).catch(() => undefined);
      const reason = error instanceof Error ? error.message : String(error);
      return setAppStatus(appId, { status: "failed", statusReason: reason, hostPort: null });
    }
  });
  if (restarted) return restarted;
  void startDeploy(appId);
  return getPrisma().app.update({ where: { id: appId }, data: { status: "building", statusReason: null } });
}

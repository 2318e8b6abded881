import { getSettings } from "../config/settings";
import { getAppBackend } from "../containers/app-container-backend";
import { getPrisma } from "../db/client";
import { instanceLabel } from "../sessions/sandbox-spec";
import { APP_KIND } from "./app-labels";
import { isDeploying } from "./app-status";
import { setAppStatus } from "./deploy-app";

export type AppReconcileResult = { running: number; stopped: number; failed: number; removedContainers: number };

/**
 * Start-up reconcile for apps: containers outlive a Runnel restart, so each App row is matched
 * with its container by label. A running container keeps serving (its published port is read
 * again); a stopped or missing one marks the app stopped or failed; a build that the restart cut
 * short is failed; containers no row claims (an interrupted redeploy's, a deleted app's) go.
 */
export async function reconcileApps(): Promise<AppReconcileResult> {
  const settings = getSettings();
  const backend = getAppBackend();
  const prisma = getPrisma();
  const [containers, apps] = await Promise.all([
    backend.listContainers({ "runnel.kind": APP_KIND, "runnel.instance": instanceLabel(settings) }),
    prisma.app.findMany(),
  ]);
  const byId = new Map(containers.map((container) => [container.id, container]));
  const claimed = new Set<string>();
  const result: AppReconcileResult = { running: 0, stopped: 0, failed: 0, removedContainers: 0 };

  for (const app of apps) {
    const container = app.containerId ? byId.get(app.containerId) : undefined;
    if (container) claimed.add(container.id);
    if (isDeploying(app.status)) {
      await setAppStatus(app.id, { status: "failed", statusReason: "Runnel restarted while the app was being built; redeploy it.", hostPort: null });
      result.failed++;
    } else if (container?.running && container.hostPort) {
      if (app.status !== "running" || app.hostPort !== container.hostPort) {
        await setAppStatus(app.id, { status: "running", statusReason: null, hostPort: container.hostPort });
      }
      result.running++;
    } else if (app.status === "running") {
      const reason = container ? `The app's container stopped (${container.exit ?? "not running"}).` : "The app's container is gone.";
      await setAppStatus(app.id, { status: container ? "stopped" : "failed", statusReason: reason, hostPort: null });
      if (container) result.stopped++;
      else result.failed++;
    }
  }
  for (const container of containers) {
    if (claimed.has(container.id)) continue;
    await backend.removeContainer(container.id);
    result.removedContainers++;
  }
  return result;
}

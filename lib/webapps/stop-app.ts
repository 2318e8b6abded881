import type { App } from "@prisma/client";
import { getAppBackend } from "../containers/app-container-backend";
import { getPrisma } from "../db/client";
import { withKeyedLock } from "../sessions/keyed-lock";
import { cancelDeploys } from "./deploy-tasks";
import { appLockKey, setAppStatus } from "./deploy-app";

/** Stops the app's container (kept, so start is quick); idempotent. A deploy under way is cancelled. */
export function stopApp(appId: string): Promise<App> {
  cancelDeploys(appId);
  return withKeyedLock(appLockKey(appId), async () => {
    const app = await getPrisma().app.findUniqueOrThrow({ where: { id: appId } });
    if (app.containerId) await getAppBackend().stopContainer(app.containerId);
    if (app.status === "stopped") return app;
    return setAppStatus(appId, { status: "stopped", statusReason: "Stopped on request.", hostPort: null });
  });
}

import type { App } from "@prisma/client";
import { getAppBackend } from "../containers/app-container-backend";
import { getPrisma } from "../db/client";
import { withKeyedLock } from "../sessions/keyed-lock";
import { appLockKey, setAppStatus } from "./deploy-app";

/** Stops the app's container (kept, so start is quick); idempotent. Waits for a deploy under way. */
export function stopApp(appId: string): Promise<App> {
  return withKeyedLock(appLockKey(appId), async () => {
    const app = await getPrisma().app.findUniqueOrThrow({ where: { id: appId } });
    if (app.containerId) await getAppBackend().stopContainer(app.containerId);
    // A failed app keeps its reason; stopping an already stopped one changes nothing.
    if (app.status === "stopped" || app.status === "failed") return app;
    return setAppStatus(appId, { status: "stopped", statusReason: "Stopped on request.", hostPort: null });
  });
}

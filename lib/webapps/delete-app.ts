import { rm } from "node:fs/promises";
import { getSettings } from "../config/settings";
import { getAppBackend } from "../containers/app-container-backend";
import { getPrisma } from "../db/client";
import { withKeyedLock } from "../sessions/keyed-lock";
import { cancelDeploys } from "./deploy-tasks";
import { appLockKey } from "./deploy-app";
import { appSelector } from "./app-labels";
import { appPaths } from "./app-paths";

/**
 * Removes everything of the app: its containers and images (found by label, so one left by an
 * interrupted redeploy goes too), its files under APPS_DIR, and its row. A deploy under way is
 * cancelled first.
 */
export function deleteApp(appId: string): Promise<void> {
  cancelDeploys(appId);
  return withKeyedLock(appLockKey(appId), async () => {
    const settings = getSettings();
    const backend = getAppBackend();
    const selector = appSelector(settings, appId);
    for (const container of await backend.listContainers(selector)) await backend.removeContainer(container.id);
    const app = await getPrisma().app.findUnique({ where: { id: appId } });
    const tags = new Set(await backend.listImages(selector));
    if (app?.imageTag) tags.add(app.imageTag);
    await backend.removeImages([...tags]);
    await rm(appPaths(settings, appId).dir, { recursive: true, force: true });
    await getPrisma().app.deleteMany({ where: { id: appId } });
  });
}

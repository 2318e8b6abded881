import type { App } from "@prisma/client";
import { getSettings, type Settings } from "../config/settings";
import { getPrisma } from "../db/client";
import { withKeyedLock } from "../sessions/keyed-lock";
import { appLockKey } from "./deploy-app";
import { startDeploy } from "./deploy-tasks";
import { notebookBlockSource } from "./notebook-block-source";
import { fetchAppSource } from "./source/app-source";

/**
 * Fetches the app's files again (a Git app is cloned afresh, a notebook's app is taken from the
 * notebook as it is now; a zip app keeps its upload) and deploys. A running app keeps serving
 * until the new container answers. Returns the app as it is when the build starts.
 */
export async function redeployApp(app: App): Promise<App> {
  const settings = getSettings();
  // Under the app's lock: a build still reading the current files finishes first.
  await withKeyedLock(appLockKey(app.id), () => refreshSource(settings, app));
  void startDeploy(app.id);
  if (app.status === "running") return app;
  return getPrisma().app.update({ where: { id: app.id }, data: { status: "building", statusReason: null } });
}

async function refreshSource(settings: Settings, app: App): Promise<void> {
  if (app.sourceKind === "git" && app.gitUrl) {
    await fetchAppSource(settings, app.id, { kind: "git", url: app.gitUrl, branch: app.gitBranch ?? "main" });
  } else if (app.sourceKind === "notebook" && app.notebookId !== null && app.blockIndex !== null) {
    const notebook = await getPrisma().notebook.findUniqueOrThrow({ where: { id: app.notebookId } });
    // Apps deployed before blocks had ids follow their block's place, as they always did.
    const { source } = notebookBlockSource(notebook.content, app.blockId !== null ? { id: app.blockId } : { index: app.blockIndex });
    await fetchAppSource(settings, app.id, source);
  }
}

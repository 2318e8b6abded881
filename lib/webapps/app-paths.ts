import path from "node:path";
import type { Settings } from "../config/settings";

type PathSettings = Pick<Settings, "APPS_DIR" | "dataDir">;

/** Where apps' files live: APPS_DIR, or DATA_DIR/apps. Nothing of an app is written elsewhere. */
export function appsRoot(settings: PathSettings): string {
  return settings.APPS_DIR ? path.resolve(settings.APPS_DIR) : path.join(settings.dataDir, "apps");
}

export type AppPaths = { dir: string; source: string; buildLog: string };

export function appPaths(settings: PathSettings, appId: string): AppPaths {
  const dir = path.join(appsRoot(settings), appId);
  return { dir, source: path.join(dir, "source"), buildLog: path.join(dir, "build.log") };
}

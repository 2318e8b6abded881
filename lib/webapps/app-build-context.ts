import { access, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { AppType } from "../notebook/types";

export type AppBuildContext = { dockerfile: string; extraFiles: Record<string, Buffer> };

const ENTRY_FILE: Record<AppType, string> = {
  gradio: "app.py",
  streamlit: "app.py",
  fastapi: "app.py",
  static: "index.html",
  docker: "Dockerfile",
};

/** The app's entry file for its type (app.py, index.html or Dockerfile). */
export function entryFileOf(appType: AppType): string {
  return ENTRY_FILE[appType];
}

export class BuildContextError extends Error {}

/**
 * What goes into the build beside the app's files: its type's template (TEMPLATES_DIR/<type>)
 * under `.runnel/`, or nothing for a `docker` app, which brings its own Dockerfile.
 */
export async function appBuildContext(templatesDir: string, appType: AppType, sourceDir: string): Promise<AppBuildContext> {
  const entry = entryFileOf(appType);
  try {
    await access(path.join(/* turbopackIgnore: true */ sourceDir, entry));
  } catch {
    throw new BuildContextError(`A ${appType} app needs ${entry} at the root of its files.`);
  }
  if (appType === "docker") return { dockerfile: "Dockerfile", extraFiles: {} };
  const templateDir = path.resolve(/* turbopackIgnore: true */ process.cwd(), templatesDir, appType);
  const names = await readdir(templateDir).catch(() => {
    throw new BuildContextError(`There is no ${appType} template in ${templatesDir}.`);
  });
  const extraFiles: Record<string, Buffer> = {};
  for (const name of names) extraFiles[`.runnel/${name}`] = await readFile(path.join(/* turbopackIgnore: true */ templateDir, name));
  return { dockerfile: ".runnel/Dockerfile", extraFiles };
}

import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Settings } from "../../config/settings";
import { normaliseWorkspacePath } from "../../notebook/workspace-path";
import { appPaths } from "../app-paths";
import { cloneGit } from "./clone-git";
import { sourceError } from "./source-error";
import { unpackZip } from "./unpack-zip";

export type AppSource =
  | { kind: "git"; url: string; branch: string }
  | { kind: "zip"; zip: Buffer }
  | { kind: "files"; files: { path: string; content: string }[] };

type SourceSettings = Pick<
  Settings,
  "APPS_DIR" | "dataDir" | "GIT_CLONE_TIMEOUT_SECONDS" | "APP_MAX_UNPACKED_BYTES" | "APP_MAX_FILES" | "ALLOW_FILE_GIT_URLS" | "GIT_ALLOW_PRIVATE_HOSTS"
>;

async function writeFiles(dir: string, files: { path: string; content: string }[], settings: SourceSettings) {
  if (files.length > settings.APP_MAX_FILES) throw sourceError(`An app may have at most ${settings.APP_MAX_FILES} files.`);
  const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0);
  if (bytes > settings.APP_MAX_UNPACKED_BYTES) throw sourceError(`The app's files are larger than ${settings.APP_MAX_UNPACKED_BYTES} bytes.`);
  await mkdir(dir);
  for (const file of files) {
    const checked = normaliseWorkspacePath(file.path);
    if (!checked.ok) throw sourceError(checked.error);
    const target = path.join(dir, checked.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content, { flag: "wx" }).catch((error: unknown) => {
      throw (error as { code?: string }).code === "EEXIST" ? sourceError(`Two files are both called ${checked.path}.`) : error;
    });
  }
}

/**
 * Puts the app's files in APPS_DIR/<id>/source: fetched into a fresh folder beside it first,
 * so a failed fetch leaves the previous files (and a running app's next redeploy) untouched.
 */
export async function fetchAppSource(settings: SourceSettings, appId: string, source: AppSource): Promise<void> {
  const paths = appPaths(settings, appId);
  const next = `${paths.source}.next`;
  const old = `${paths.source}.old`;
  await mkdir(paths.dir, { recursive: true });
  await rm(next, { recursive: true, force: true });
  try {
    if (source.kind === "git") {
      await cloneGit({
        url: source.url,
        branch: source.branch,
        dir: next,
        timeoutMs: settings.GIT_CLONE_TIMEOUT_SECONDS * 1000,
        maxBytes: settings.APP_MAX_UNPACKED_BYTES,
        maxFiles: settings.APP_MAX_FILES,
        allowFile: settings.ALLOW_FILE_GIT_URLS,
        allowPrivateHosts: settings.GIT_ALLOW_PRIVATE_HOSTS,
      });
    } else if (source.kind === "zip") {
      await unpackZip(source.zip, next, { maxBytes: settings.APP_MAX_UNPACKED_BYTES, maxFiles: settings.APP_MAX_FILES });
    } else {
      await writeFiles(next, source.files, settings);
    }
  } catch (error) {
    await rm(next, { recursive: true, force: true });
    throw error;
  }
  await rm(old, { recursive: true, force: true });
  await rename(paths.source, old).catch((error: unknown) => {
    if ((error as { code?: string }).code !== "ENOENT") throw error;
  });
  await rename(next, paths.source);
  await rm(old, { recursive: true, force: true });
}

import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { KeptArtifact } from "./keep-artifact";

// DATA_DIR/r-artifacts/<runId>/meta.json says who ran it and until when its files are kept;
// the files themselves sit beside it in files/, so no script-chosen name can clash with it.
const ROOT = "r-artifacts";

export const runMetaSchema = z.object({
  owner: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  files: z.array(z.object({ name: z.string(), mime: z.string(), bytes: z.number() })),
});
export type RunMeta = z.infer<typeof runMetaSchema>;

export const RUN_ID_PATTERN = /^[0-9a-f-]{36}$/;

export function runsDir(dataDir: string): string {
  return path.join(dataDir, ROOT);
}

function runDir(dataDir: string, runId: string): string {
  if (!RUN_ID_PATTERN.test(runId)) throw new Error("Not a run id.");
  return path.join(runsDir(dataDir), runId);
}

export async function storeRunArtifacts(
  dataDir: string,
  runId: string,
  meta: Omit<RunMeta, "files">,
  files: KeptArtifact[],
): Promise<RunMeta["files"]> {
  const dir = runDir(dataDir, runId);
  await mkdir(path.join(dir, "files"), { recursive: true, mode: 0o700 });
  const stored = files.map((file) => ({ name: file.name, mime: file.mime, bytes: file.content.length }));
  await Promise.all(files.map((file) => writeFile(path.join(dir, "files", file.name), file.content, { mode: 0o600 })));
  // Written last: a run without meta.json is incomplete and never served.
  await writeFile(path.join(dir, "meta.json"), JSON.stringify({ ...meta, files: stored }), { mode: 0o600 });
  return stored;
}

/** The run's metadata, or null when it is unknown, unreadable or not finished storing. */
export async function readRunMeta(dataDir: string, runId: string): Promise<RunMeta | null> {
  if (!RUN_ID_PATTERN.test(runId)) return null;
  try {
    return runMetaSchema.parse(JSON.parse(await readFile(path.join(runDir(dataDir, runId), "meta.json"), "utf8")));
  } catch {
    return null;
  }
}

export function readRunFile(dataDir: string, runId: string, name: string): Promise<Buffer> {
  return readFile(path.join(runDir(dataDir, runId), "files", name));
}

/** Deletes runs whose time is up (and leftovers without metadata older than a day). */
export async function removeExpiredRuns(dataDir: string, now = new Date()): Promise<number> {
  let ids: string[];
  try {
    ids = (await readdir(runsDir(dataDir))).filter((id) => RUN_ID_PATTERN.test(id));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const id of ids) {
    const meta = await readRunMeta(dataDir, id);
    const expires = meta ? Date.parse(meta.expiresAt) : await leftoverExpiry(dataDir, id);
    if (expires <= now.getTime()) {
      await rm(runDir(dataDir, id), { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}

async function leftoverExpiry(dataDir: string, runId: string): Promise<number> {
  try {
    return (await stat(runDir(dataDir, runId))).mtimeMs + 24 * 3600_000;
  } catch {
    return Infinity;
  }
}

import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

// Output files of runs: their names and types, and where a notebook run's are kept
// (DATA_DIR/artifacts/<executionId>/<name>; R runs keep theirs per run, see r-run-artifacts.ts).

const MIME: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".svg": "image/svg+xml",
  ".pdf": "application/pdf",
  ".csv": "text/csv",
  ".txt": "text/plain",
  ".json": "application/json",
  ".html": "text/html",
};

export function artifactMime(name: string): string {
  return MIME[path.extname(name).toLowerCase()] ?? "application/octet-stream";
}

/** A name a block chose for its output file: one plain path segment, nothing hidden. */
export function isSafeArtifactName(name: string): boolean {
  return /^[^/\\\u0000-\u001f\u007f]{1,200}$/.test(name) && !name.startsWith(".");
}

export function artifactPath(dataDir: string, executionId: string, name: string): string {
  return path.join(dataDir, "artifacts", executionId, name);
}

export async function storeArtifact(dataDir: string, executionId: string, name: string, bytes: Buffer): Promise<void> {
  const file = artifactPath(dataDir, executionId, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes, { mode: 0o600 });
}

export function readArtifact(dataDir: string, executionId: string, name: string): Promise<Buffer> {
  return readFile(artifactPath(dataDir, executionId, name));
}

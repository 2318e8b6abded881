import { PassThrough, type Readable } from "node:stream";
import tar from "tar-stream";
import { normaliseWorkspacePath } from "../../notebook/workspace-path";
import type { SeedFile } from "../backend";
import { SANDBOX_UID } from "./sandbox-config";

export class UnsafePathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsafePathError";
  }
}

/** Validates a workspace-relative path again at the container boundary; returns it normalised. */
export function safeWorkspacePath(path: string): string {
  const result = normaliseWorkspacePath(path);
  if (!result.ok) throw new UnsafePathError(result.error);
  return result.path;
}

/**
 * A tar of the files (and every folder above them), owned by the sandbox user, for putArchive
 * into /workspace. Paths are checked again here: this is the last step before the container.
 */
export function workspaceArchive(files: SeedFile[]): Readable {
  const entries = files.map((file) => ({ path: safeWorkspacePath(file.path), content: file.content }));
  const folders = new Set<string>();
  for (const { path } of entries) {
    const parts = path.split("/").slice(0, -1);
    parts.forEach((_, i) => folders.add(parts.slice(0, i + 1).join("/")));
  }

  const pack = tar.pack();
  const owner = { uid: SANDBOX_UID, gid: SANDBOX_UID, mtime: new Date() };
  for (const folder of [...folders].sort()) pack.entry({ name: folder, type: "directory", mode: 0o755, ...owner });
  for (const { path, content } of entries) {
    pack.entry({ name: path, type: "file", mode: 0o644, ...owner }, typeof content === "string" ? Buffer.from(content) : content);
  }
  pack.finalize();
  return pack.pipe(new PassThrough());
}

import { createHash } from "node:crypto";
import type { NotebookBlock } from "../notebook/types";

export type FileState = Record<string, string>;

/**
 * The workspace files a notebook's file blocks describe: path → content (later blocks win).
 * Markdown drops the newline before a closing fence; a text file ends with one.
 */
export function fileBlocks(blocks: NotebookBlock[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const block of blocks) {
    if (block.kind !== "file" || !block.path || block.error) continue;
    files.set(block.path, block.code === "" || block.code.endsWith("\n") ? block.code : `${block.code}\n`);
  }
  return files;
}

export function fileState(files: Map<string, string>): FileState {
  return Object.fromEntries([...files].map(([path, content]) => [path, createHash("sha256").update(content).digest("hex")]));
}

/** What to write and what to delete to take the workspace from `seeded` to `files`. */
export function fileChanges(seeded: FileState, files: Map<string, string>) {
  const wanted = fileState(files);
  const write = [...files].filter(([path]) => seeded[path] !== wanted[path]).map(([path, content]) => ({ path, content }));
  const remove = Object.keys(seeded).filter((path) => !(path in wanted));
  return { write, remove, state: wanted };
}

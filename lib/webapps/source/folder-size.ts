import { lstat, readdir } from "node:fs/promises";
import path from "node:path";

export type FolderSize = { bytes: number; files: number };

/** Bytes and entries under a folder, links counted as entries and never followed. */
export async function folderSize(dir: string): Promise<FolderSize> {
  const total: FolderSize = { bytes: 0, files: 0 };
  const walk = async (current: string) => {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      return; // removed while walking (a clone still running)
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      total.files++;
      if (entry.isDirectory()) await walk(full);
      else total.bytes += await lstat(full).then((s) => s.size, () => 0);
    }
  };
  await walk(dir);
  return total;
}

import type { Readable } from "node:stream";
import tar from "tar-stream";
import type { CollectedFile, SkippedFile } from "../backend";

type Caps = { maxCount: number; maxBytes: number };

async function drain(entry: AsyncIterable<unknown>): Promise<void> {
  for await (const chunk of entry) void chunk;
}

/**
 * The plain files directly inside the folder a getArchive tar holds (Docker writes entries in
 * name order), within the caps; everything else is reported as skipped, unread. The script
 * wrote this folder, so links, devices and sub-folders are refused, not followed.
 */
export async function collectOutputFiles(archive: Readable, caps: Caps): Promise<{ files: CollectedFile[]; skipped: SkippedFile[] }> {
  const files: CollectedFile[] = [];
  const skipped: SkippedFile[] = [];
  const extract = tar.extract();
  archive.pipe(extract);
  try {
    for await (const entry of extract) {
      const { type, size, name: path } = entry.header;
      const parts = path.replace(/\/+$/, "").split("/");
      const name = parts.at(-1) ?? "";
      if (parts.length === 1) {
        await drain(entry); // the folder itself
        continue;
      }
      if (parts.length > 2) {
        await drain(entry); // inside a sub-folder, already reported as that folder
        continue;
      }
      if (type !== "file") skipped.push({ name, reason: "not-a-file" });
      else if (files.length >= caps.maxCount) skipped.push({ name, reason: "count" });
      else if ((size ?? 0) > caps.maxBytes) skipped.push({ name, reason: "size" });
      else {
        const chunks: Buffer[] = [];
        for await (const chunk of entry) chunks.push(chunk as Buffer);
        files.push({ name, content: Buffer.concat(chunks) });
        continue;
      }
      await drain(entry);
    }
  } finally {
    archive.destroy();
  }
  return { files, skipped };
}

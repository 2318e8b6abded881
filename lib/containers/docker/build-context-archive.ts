import { createReadStream } from "node:fs";
import { lstat, readdir } from "node:fs/promises";
import path from "node:path";
import { PassThrough, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import tar from "tar-stream";

async function* regularFiles(root: string, relative = ""): AsyncGenerator<{ name: string; size: number; mode: number }> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const name = relative ? `${relative}/${entry.name}` : entry.name;
    // lstat, not the dirent alone: a link is never followed out of the app's folder.
    const stat = await lstat(path.join(root, name));
    if (stat.isDirectory()) yield* regularFiles(root, name);
    else if (stat.isFile()) yield { name, size: stat.size, mode: stat.mode & 0o755 };
  }
}

/**
 * A docker build context as a tar stream: the folder's regular files (links, devices and the
 * `.git` folder left out) plus `extraFiles`, streamed one file at a time.
 */
export function buildContextArchive(contextDir: string, extraFiles: Record<string, string | Buffer>): Readable {
  const pack = tar.pack();
  const out = new PassThrough();
  const fill = async () => {
    for await (const file of regularFiles(contextDir)) {
      if (file.name === ".git" || file.name.startsWith(".git/") || file.name in extraFiles) continue;
      const entry = pack.entry({ name: file.name, size: file.size, mode: file.mode | 0o644 });
      await pipeline(createReadStream(path.join(contextDir, file.name)), entry);
    }
    for (const [name, content] of Object.entries(extraFiles)) {
      pack.entry({ name, mode: 0o644 }, typeof content === "string" ? Buffer.from(content) : content);
    }
    pack.finalize();
  };
  fill().catch((error: unknown) => pack.destroy(error instanceof Error ? error : new Error(String(error))));
  pack.on("error", (error) => out.destroy(error));
  return pack.pipe(out);
}

import { PassThrough } from "node:stream";
import tar from "tar-stream";
import { describe, expect, it } from "vitest";
import { readArchiveFile } from "./read-archive-file";
import { UnsafePathError, workspaceArchive } from "./workspace-archive";

async function entries(files: Parameters<typeof workspaceArchive>[0]) {
  const extract = tar.extract();
  workspaceArchive(files).pipe(extract);
  const seen: Array<{ name: string; type: string | null | undefined; uid?: number; mode?: number; body: string }> = [];
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    const { name, type, uid, mode } = entry.header;
    seen.push({ name, type, uid, mode, body: Buffer.concat(chunks).toString() });
  }
  return seen;
}

function archiveOf(build: (pack: tar.Pack) => void) {
  const pack = tar.pack();
  build(pack);
  pack.finalize();
  return pack.pipe(new PassThrough());
}

describe("workspaceArchive", () => {
  it("packs normalised files after every folder above them, owned by the sandbox user", async () => {
    const seen = await entries([
      { path: "./src//app/main.py", content: "print(1)" },
      { path: "README.md", content: Buffer.from("# hi") },
    ]);
    expect(seen.map(({ name, type, uid }) => [name, type, uid])).toEqual([
      ["src", "directory", 1000],
      ["src/app", "directory", 1000],
      ["src/app/main.py", "file", 1000],
      ["README.md", "file", 1000],
    ]);
    expect(seen[2]).toMatchObject({ mode: 0o644, body: "print(1)" });
  });

  it.each(["../x", "/etc/passwd", "a/../../x", "bad\u0001name"])("refuses %j before packing anything", (path) => {
    expect(() => workspaceArchive([{ path, content: "x" }])).toThrow(UnsafePathError);
  });
});

describe("readArchiveFile", () => {
  it("returns the bytes of the one regular file", async () => {
    const archive = archiveOf((pack) => pack.entry({ name: "plot.png" }, Buffer.from([0x89, 0x50])));
    expect(await readArchiveFile(archive, 10)).toEqual(Buffer.from([0x89, 0x50]));
  });

  it("refuses a symlink without following it", async () => {
    const archive = archiveOf((pack) => pack.entry({ name: "plot.png", type: "symlink", linkname: "/etc/passwd" }));
    await expect(readArchiveFile(archive, 10)).rejects.toThrow('"plot.png" is not a regular file (symlink).');
  });

  it("refuses a file over the size cap", async () => {
    const archive = archiveOf((pack) => pack.entry({ name: "big.bin" }, Buffer.alloc(11)));
    await expect(readArchiveFile(archive, 10)).rejects.toThrow("larger than 10 bytes");
  });
});

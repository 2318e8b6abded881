import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import tar from "tar-stream";
import { afterEach, describe, expect, it } from "vitest";
import { buildContextArchive } from "./build-context-archive";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function entries(archive: NodeJS.ReadableStream): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  const extract = tar.extract();
  extract.on("entry", (header, stream, next) => {
    let body = "";
    stream.on("data", (chunk: unknown) => (body += (chunk as Buffer).toString()));
    stream.on("end", () => {
      found[header.name] = body;
      next();
    });
  });
  const done = new Promise<void>((resolve, reject) => extract.on("finish", () => resolve()).on("error", reject));
  archive.pipe(extract);
  await done;
  return found;
}

describe("buildContextArchive", () => {
  it("packs regular files and the extra files, never links or the .git folder", async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "runnel-context-"));
    writeFileSync(path.join(dir, "app.py"), "print(1)");
    mkdirSync(path.join(dir, "static"));
    writeFileSync(path.join(dir, "static", "a.css"), "h1{}");
    mkdirSync(path.join(dir, ".git"));
    writeFileSync(path.join(dir, ".git", "config"), "[core]");
    symlinkSync("/etc/passwd", path.join(dir, "passwd"));
    writeFileSync(path.join(dir, "Dockerfile.mine"), "FROM scratch");

    const found = await entries(buildContextArchive(dir, { ".runnel/Dockerfile": "FROM base" }));
    expect(found).toEqual({
      "Dockerfile.mine": "FROM scratch",
      "app.py": "print(1)",
      "static/a.css": "h1{}",
      ".runnel/Dockerfile": "FROM base",
    });
  });
});

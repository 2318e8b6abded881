import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { AppError } from "../../http/app-error";
import { sourceError } from "./source-error";

export type UnpackLimits = { maxBytes: number; maxFiles: number };

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

function openZip(buffer: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // strictFileNames: a backslash is refused, not read as a folder separator.
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (error, zip) =>
      error || !zip ? reject(sourceError(`The upload is not a readable zip file (${error?.message ?? "empty"}).`)) : resolve(zip),
    );
  });
}

/** The entry's path inside `dir`, or a refusal: absolute paths and `..` never leave it. */
function targetPath(dir: string, name: string): string {
  if (name.includes("\0") || name.includes("\\")) throw sourceError(`The zip entry "${name}" has an invalid name.`);
  if (path.posix.isAbsolute(name) || /^[A-Za-z]:/.test(name)) throw sourceError(`The zip entry "${name}" has an absolute path.`);
  const target = path.resolve(dir, name);
  if (!target.startsWith(dir + path.sep)) throw sourceError(`The zip entry "${name}" points outside the app's folder.`);
  return target;
}

function entryType(entry: Entry): "file" | "directory" {
  const isDirectoryName = entry.fileName.endsWith("/");
  // Unix permissions sit in the high 16 bits of the external attributes (when made on Unix).
  const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (type && type !== S_IFREG && type !== S_IFDIR) {
    throw sourceError(`The zip entry "${entry.fileName}" is a symbolic link or special file; only files and folders are accepted.`);
  }
  return isDirectoryName || type === S_IFDIR ? "directory" : "file";
}

/**
 * Unpacks a zip into `dir` (created here, must not exist): only regular files and folders, each
 * path checked to stay inside `dir`, the entry count and the bytes actually inflated capped
 * (headers are not trusted: a zip bomb is stopped while inflating). On any refusal `dir` is
 * removed and a 400 explains why.
 */
export async function unpackZip(buffer: Buffer, dir: string, limits: UnpackLimits): Promise<void> {
  const root = path.resolve(dir);
  const zip = await openZip(buffer);
  await mkdir(root, { recursive: false });
  let written = 0;
  let count = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: unknown) => {
        zip.close();
        reject(error);
      };
      zip.on("error", (error: Error) => fail(sourceError(`The zip file is damaged (${error.message}).`)));
      zip.on("end", () => resolve());
      zip.on("entry", (entry: Entry) => {
        handleEntry(entry).then(() => zip.readEntry(), fail);
      });
      const handleEntry = async (entry: Entry) => {
        if (++count > limits.maxFiles) throw sourceError(`The zip has more than ${limits.maxFiles} entries.`);
        const target = targetPath(root, entry.fileName);
        if (entryType(entry) === "directory") {
          await mkdir(target, { recursive: true });
          return;
        }
        if (written + entry.uncompressedSize > limits.maxBytes) throw tooLarge(limits);
        await mkdir(path.dirname(target), { recursive: true });
        const input = await openEntry(zip, entry);
        const counter = new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            written += chunk.length;
            callback(written > limits.maxBytes ? tooLarge(limits) : null, chunk);
          },
        });
        // "wx": never overwrite, never follow something already at the path.
        await pipeline(input, counter, createWriteStream(target, { flags: "wx", mode: 0o644 })).catch((error: unknown) => {
          if (error instanceof AppError || (error as { code?: string }).code === "EEXIST") throw error;
          // yauzl's own checks: sizes that differ from the headers, a bad checksum.
          throw sourceError(`The zip entry "${entry.fileName}" is damaged (${error instanceof Error ? error.message : "unreadable"}).`);
        });
      };
      zip.readEntry();
    });
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    if (error instanceof Error && "code" in error && error.code === "EEXIST") throw sourceError("The zip holds the same path twice.");
    throw error;
  }
}

function tooLarge(limits: UnpackLimits) {
  return sourceError(`The zip unpacks to more than ${limits.maxBytes} bytes.`);
}

function openEntry(zip: ZipFile, entry: Entry) {
  return new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(sourceError(`The zip entry "${entry.fileName}" cannot be read.`)) : resolve(stream))),
  );
}

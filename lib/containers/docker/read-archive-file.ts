import type { Readable } from "node:stream";
import tar from "tar-stream";

export class ArchiveFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArchiveFileError";
  }
}

/**
 * The bytes of the single regular file in a getArchive tar. A link, a folder, a FIFO or a file
 * over maxBytes is refused without reading it: a sandbox can plant any of them.
 */
export async function readArchiveFile(archive: Readable, maxBytes: number): Promise<Buffer> {
  const extract = tar.extract();
  archive.pipe(extract);
  let result: Buffer | undefined;
  try {
    for await (const entry of extract) {
      const { type, size, name } = entry.header;
      if (result !== undefined) throw new ArchiveFileError("Expected one file, found several.");
      if (type !== "file") throw new ArchiveFileError(`"${name}" is not a regular file (${type}).`);
      if ((size ?? 0) > maxBytes) throw new ArchiveFileError(`"${name}" is larger than ${maxBytes} bytes.`);
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      result = Buffer.concat(chunks);
    }
  } finally {
    archive.destroy();
  }
  if (result === undefined) throw new ArchiveFileError("The archive held no file.");
  return result;
}

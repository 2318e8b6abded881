import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

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

/** Images shown inline; everything else (HTML and SVG included, which can carry script) downloads. */
const INLINE_MIME = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/**
 * An artifact's bytes as a download that cannot script Runnel's origin: images inline, anything
 * else as an attachment, never sniffed, sandboxed, cached privately for `maxAgeSeconds`.
 */
export function artifactResponse(bytes: Buffer, name: string, mime: string, maxAgeSeconds: number): Response {
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": mime,
      "Content-Length": String(bytes.length),
      "Content-Disposition": `${INLINE_MIME.has(mime) ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(name)}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox; default-src 'none'",
      "Cache-Control": `private, max-age=${maxAgeSeconds}`,
    },
  });
}

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

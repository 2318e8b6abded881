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

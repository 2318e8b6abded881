/**
 * A short fingerprint of a block's code (FNV-1a, 32 bits, over UTF-16 units), the same in the
 * browser and on the server, so a stored run can say whether the block changed since. Not a
 * security measure: it only tells an output that may be stale from one that is not.
 */
export function codeFingerprint(code: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < code.length; i++) {
    hash ^= code.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${code.length.toString(36)}-${hash.toString(36)}`;
}

import { createHash, randomBytes } from "node:crypto";

const TOKEN_PREFIX = "rnl_";
const TOKEN_PATTERN = /^rnl_[A-Za-z0-9_-]{43}$/;

// A token carries 256 random bits, so a plain SHA-256 is enough to make a leaked table
// useless; a slow hash would only slow every API call down.

/** A new API token (`rnl_` + 32 random bytes, base64url) and the hash to store for it. */
export function generateApiToken(): { token: string; tokenHash: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, tokenHash: hashApiToken(token) };
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function isApiTokenFormat(text: string): boolean {
  return TOKEN_PATTERN.test(text);
}

import { timingSafeEqual } from "node:crypto";
import { maxMemory, scryptAsync } from "./hash-password";

// Refuse stored parameters outside these bounds rather than let a bad row cost gigabytes.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

/** Checks a password against a `scrypt$N$r$p$salt$hash` string; false for anything malformed. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStoredHash(stored);
  if (!parsed) return false;
  const { N, r, p, salt, hash } = parsed;
  const key = await scryptAsync(password, salt, hash.length, { N, r, p, maxmem: maxMemory(N, r, p) });
  return timingSafeEqual(key, hash);
}

function parseStoredHash(stored: string) {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, "base64");
  const hash = Buffer.from(parts[5]!, "base64");
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || !(r >= 1 && r <= MAX_R) || !(p >= 1 && p <= MAX_P)) return null;
  if (!Number.isInteger(r) || !Number.isInteger(p) || salt.length === 0 || hash.length < 16) return null;
  return { N, r, p, salt, hash };
}

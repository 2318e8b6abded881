import { randomBytes, scrypt, type ScryptOptions } from "node:crypto";

export const PASSWORD_MIN_LENGTH = 8;
// Long enough for any passphrase; short enough that hashing is never a way to burn CPU.
export const PASSWORD_MAX_LENGTH = 200;

// N = 2^15 costs about 32 MiB and ~150 ms per hash on a small machine: slow for guessing,
// fine for a sign-in. The parameters are stored with each hash, so they can be raised later.
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

// Passwords are NFKC-normalised so the same passphrase typed on another keyboard still matches.
export function scryptAsync(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = SCRYPT_PARAMS;
  const salt = randomBytes(SALT_LENGTH);
  const key = await scryptAsync(password, salt, KEY_LENGTH, { N, r, p, maxmem: maxMemory(N, r, p) });
  return ["scrypt", N, r, p, salt.toString("base64"), key.toString("base64")].join("$");
}

/** scrypt needs about 128·(N + p)·r bytes; Node's default ceiling (32 MiB) refuses N = 2^15. */
export function maxMemory(N: number, r: number, p: number): number {
  return 128 * (N + p) * r + 1024 ** 2;
}

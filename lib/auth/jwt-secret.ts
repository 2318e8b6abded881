import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { getSettings, type Settings } from "../config/settings";

const MIN_LENGTH = 32;

/**
 * The key that signs session cookies: JWT_SECRET when set, otherwise the one kept in
 * DATA_DIR/jwt-secret, made on first use, so sign-ins survive restarts without any set-up.
 */
export async function loadJwtSecret(settings: Pick<Settings, "JWT_SECRET" | "dataDir">): Promise<Uint8Array> {
  if (settings.JWT_SECRET) return new TextEncoder().encode(settings.JWT_SECRET);
  const file = path.join(settings.dataDir, "jwt-secret");
  const secret = (await readSecretFile(file)) ?? (await createSecretFile(file));
  if (secret.length < MIN_LENGTH) {
    throw new Error(`${file} holds fewer than ${MIN_LENGTH} characters; delete it and a new secret is made.`);
  }
  return new TextEncoder().encode(secret);
}

let cached: Promise<Uint8Array> | undefined;

export function getJwtSecret(): Promise<Uint8Array> {
  cached ??= loadJwtSecret(getSettings()).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function readSecretFile(file: string): Promise<string | null> {
  try {
    return (await readFile(file, "utf8")).trim();
  } catch (error) {
    if (hasCode(error, "ENOENT")) return null;
    throw error;
  }
}

// Written aside and linked into place: link() fails if the file exists, so two processes
// starting together end up with one secret, and neither ever reads a half-written file.
async function createSecretFile(file: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(draft, `${secret}\n`, { mode: 0o600 });
  try {
    await link(draft, file);
    return secret;
  } catch (error) {
    if (!hasCode(error, "EEXIST")) throw error;
    return (await readFile(file, "utf8")).trim();
  } finally {
    await unlink(draft);
  }
}

function hasCode(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}

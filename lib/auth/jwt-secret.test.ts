import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadJwtSecret } from "./jwt-secret";

const dirs: string[] = [];
function tempDataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "runnel-jwt-"));
  dirs.push(dir);
  return path.join(dir, "data");
}
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("loadJwtSecret", () => {
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("uses JWT_SECRET when it is set", async () => {
    const secret = await loadJwtSecret({ JWT_SECRET: "x".repeat(40), dataDir: tempDataDir() });
    expect(text(secret)).toBe("x".repeat(40));
  });

  it("otherwise makes DATA_DIR/jwt-secret, readable by its owner only, and keeps using it", async () => {
    const dataDir = tempDataDir();
    const first = await loadJwtSecret({ dataDir });
    const file = path.join(dataDir, "jwt-secret");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toBe(text(first));
    expect(Buffer.from(text(first), "base64url")).toHaveLength(48);
    expect(text(await loadJwtSecret({ dataDir }))).toBe(text(first));
  });

  it("gives concurrent first callers one and the same secret", async () => {
    const dataDir = tempDataDir();
    const secrets = await Promise.all(Array.from({ length: 8 }, () => loadJwtSecret({ dataDir })));
    expect(new Set(secrets.map(text)).size).toBe(1);
  });

  it("refuses a secret file too short to be safe, saying how to fix it", async () => {
    const dataDir = tempDataDir();
    await loadJwtSecret({ dataDir });
    writeFileSync(path.join(dataDir, "jwt-secret"), "short\n");
    await expect(loadJwtSecret({ dataDir })).rejects.toThrow(/fewer than 32 characters; delete it/);
  });
});

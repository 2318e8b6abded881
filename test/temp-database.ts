import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { DatabaseTarget } from "../lib/db/driver-adapter";

export type TempDatabase = { target: DatabaseTarget; [Symbol.asyncDispose](): Promise<void> };

/** A fresh, empty PGlite directory, removed on dispose. */
export function tempPglite(): TempDatabase {
  const dir = mkdtempSync(path.join(os.tmpdir(), "runnel-pglite-"));
  return {
    target: { kind: "pglite", dir },
    [Symbol.asyncDispose]: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A fresh, empty database on the test PostgreSQL server, dropped on dispose. */
export async function tempPostgres(): Promise<TempDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `runnel_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind: "postgres", url: url.toString() },
    [Symbol.asyncDispose]: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

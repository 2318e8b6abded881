import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaClient } from "@prisma/client";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { checkDatabase } from "./check-database";
import { createDriverAdapter, type DatabaseTarget } from "./driver-adapter";
import { migrateDatabase, migrationNames } from "./migrate-database";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function withClient<T>(target: DatabaseTarget, check: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  const prisma = new PrismaClient({ adapter: createDriverAdapter(target) });
  try {
    return await check(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

async function expectUnusableUntilMigrated(target: DatabaseTarget) {
  const names = await migrationNames();
  const before = await withClient(target, (prisma) => checkDatabase(prisma));
  expect(before.ok).toBe(false);
  expect(before.migrations?.pending).toEqual(names);
  expect(before.ok === false && before.error).toMatch(/lacks \d+ migrations?.*npm run db:migrate/);

  await migrateDatabase(target);
  const after = await withClient(target, (prisma) => checkDatabase(prisma));
  expect(after).toEqual({ ok: true, migrations: { applied: names.length, pending: [] } });
}

describe("checkDatabase", () => {
  it("calls a PGlite database that answers but was never migrated unusable, with a sentence naming the fix", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "runnel-unmigrated-"));
    dirs.push(dir);
    await expectUnusableUntilMigrated({ kind: "pglite", dir });
  }, 240_000); // a new PGlite directory and every migration: slow on a busy machine

  it("does the same on a fresh PostgreSQL database", async () => {
    const server = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await server.connect();
    const name = `unmigrated_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    await server.query(`CREATE DATABASE ${name}`);
    try {
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      await expectUnusableUntilMigrated({ kind: "postgres", url: url.toString() });
    } finally {
      await server.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await server.end();
    }
  });
});

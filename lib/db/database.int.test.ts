import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaClient, Prisma } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { tempPglite, tempPostgres, type TempDatabase } from "../../test/temp-database";
import { createDriverAdapter } from "./driver-adapter";
import { migrateDatabase } from "./migrate-database";

const targets: Array<[string, () => Promise<TempDatabase> | TempDatabase]> = [
  ["PGlite", tempPglite],
  ["PostgreSQL", tempPostgres],
];

describe.each(targets)("the database on %s", (_name, makeDatabase) => {
  it("applies the migrations once and reports nothing to do the second time", async () => {
    await using db = await makeDatabase();
    const first = await migrateDatabase(db.target);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(first.alreadyApplied).toBe(0);
    const second = await migrateDatabase(db.target);
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied.length });
  });

  it("stores and reads users and notebooks through Prisma, enforcing the schema", async () => {
    await using db = await makeDatabase();
    await migrateDatabase(db.target);
    const prisma = new PrismaClient({ adapter: createDriverAdapter(db.target) });
    try {
      const user = await prisma.user.create({
        data: { email: "ada@example.com", name: "Ada", passwordHash: "x" },
      });
      const notebook = await prisma.notebook.create({
        data: { title: "Intro — ünïcode ✓", content: "# Hello\n", ownerId: user.id },
      });
      expect(notebook.version).toBe(1);
      expect(notebook.createdAt).toBeInstanceOf(Date);

      const loaded = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, include: { notebooks: true } });
      expect(loaded.notebooks.map((n) => n.title)).toEqual(["Intro — ünïcode ✓"]);

      const duplicate = prisma.user.create({ data: { email: "ada@example.com", name: "Other", passwordHash: "y" } });
      await expect(duplicate).rejects.toSatisfy(
        (error) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002",
      );

      await prisma.user.delete({ where: { id: user.id } });
      expect(await prisma.notebook.count()).toBe(0);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("refuses to run when an applied migration was edited afterwards", async () => {
    await using db = await makeDatabase();
    const dir = copyMigrations();
    await migrateDatabase(db.target, dir);
    const [first] = readdirSync(dir).filter((name) => name !== "migration_lock.toml");
    appendFileSync(path.join(dir, first!, "migration.sql"), "\n-- edited\n");
    await expect(migrateDatabase(db.target, dir)).rejects.toThrow(/was changed after it was applied/);
  });

  it("rolls a failing migration back whole and applies it once it is fixed", async () => {
    await using db = await makeDatabase();
    const dir = copyMigrations();
    const broken = path.join(dir, "99999999999999_broken");
    mkdirSync(broken);
    writeFileSync(path.join(broken, "migration.sql"), 'CREATE TABLE "Half" (id INT);\nSELECT * FROM "NoSuchTable";\n');
    await expect(migrateDatabase(db.target, dir)).rejects.toThrow(/Migration 99999999999999_broken failed/);

    writeFileSync(path.join(broken, "migration.sql"), 'CREATE TABLE "Half" (id INT);\n');
    const retry = await migrateDatabase(db.target, dir);
    expect(retry.applied).toEqual(["99999999999999_broken"]);
  });
});

function copyMigrations(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "runnel-migrations-"));
  cpSync("prisma/migrations", dir, { recursive: true });
  return dir;
}

import { randomUUID } from "node:crypto";
import { getSettings } from "../lib/config/settings";
import { getPrisma } from "../lib/db/client";
import { databaseTarget } from "../lib/db/driver-adapter";
import { migrateDatabase } from "../lib/db/migrate-database";

let migrated: Promise<unknown> | undefined;

/** The integration database (PGlite in DATA_DIR=.data/integration), migrated once per run. */
export async function testDatabase() {
  migrated ??= migrateDatabase(databaseTarget(getSettings()));
  await migrated;
  return getPrisma();
}

export async function createUser(name = "Test User") {
  const prisma = await testDatabase();
  return prisma.user.create({ data: { email: `${randomUUID()}@example.test`, name, passwordHash: "not-used" } });
}

export async function createNotebook(ownerId: string, content: string) {
  const prisma = await testDatabase();
  return prisma.notebook.create({ data: { ownerId, title: "Test notebook", content } });
}

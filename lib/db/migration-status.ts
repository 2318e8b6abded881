import type { PrismaClient } from "@prisma/client";
import { getPrisma } from "./client";
import { APPLIED_MIGRATIONS_SQL, migrationNames } from "./migrate-database";

export type MigrationStatus = { applied: number; pending: string[] };

/**
 * Which committed migrations the database lacks. A database that answers `SELECT 1` but was
 * never migrated has no ledger at all: every migration is pending.
 */
export async function migrationStatus(prisma: PrismaClient = getPrisma()): Promise<MigrationStatus> {
  const names = await migrationNames();
  const [ledger] = await prisma.$queryRawUnsafe<{ ledger: string | null }[]>(
    `SELECT to_regclass('"_prisma_migrations"')::text AS ledger`,
  );
  const rows = ledger?.ledger ? await prisma.$queryRawUnsafe<{ migration_name: string }[]>(APPLIED_MIGRATIONS_SQL) : [];
  const applied = new Set(rows.map((row) => row.migration_name));
  const pending = names.filter((name) => !applied.has(name));
  return { applied: names.length - pending.length, pending };
}

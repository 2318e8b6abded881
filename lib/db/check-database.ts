import type { PrismaClient } from "@prisma/client";
import { getPrisma } from "./client";
import { migrationStatus } from "./migration-status";

export type DatabaseCheck =
  | { ok: true; migrations: { applied: number; pending: string[] } }
  | { ok: false; error: string; migrations?: { applied: number; pending: string[] } };

/** Whether the database answers and has every committed migration: one that lacks any is not usable. */
export async function checkDatabase(prisma: PrismaClient = getPrisma()): Promise<DatabaseCheck> {
  let migrations;
  try {
    migrations = await migrationStatus(prisma);
  } catch {
    return { ok: false, error: "The database did not answer." };
  }
  if (migrations.pending.length === 0) return { ok: true, migrations };
  const count = migrations.pending.length;
  return {
    ok: false,
    migrations,
    error: `The database answers but lacks ${count} migration${count === 1 ? "" : "s"} (${migrations.pending[0]}${count > 1 ? ", …" : ""}): restart Runnel, which applies them, or run \`npm run db:migrate\`.`,
  };
}

import type { Logger } from "pino";
import type { Settings } from "../config/settings";
import { databaseTarget } from "./driver-adapter";
import { migrateDatabase } from "./migrate-database";

/**
 * Applies pending migrations before the server opens the database (PGlite allows one opener at
 * a time, so this runs and closes first). A migration that cannot apply stops start-up with a
 * sentence: a server that says "ready" over a schema it cannot use answers 500 to everyone.
 */
export async function applyMigrationsAtStart(settings: Settings, log: Logger): Promise<void> {
  const target = databaseTarget(settings);
  const where = target.kind === "pglite" ? `PGlite in ${target.dir}` : "PostgreSQL at DATABASE_URL";
  try {
    const { applied } = await migrateDatabase(target);
    if (applied.length) log.info({ applied }, `database (${where}): applied ${applied.length} migration(s)`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log.fatal(`database (${where}) cannot be migrated: ${reason}. Fix it, then start again (\`npm run db:migrate\` applies migrations by hand).`);
    process.exit(1);
  }
}

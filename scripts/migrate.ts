// Applies the committed migrations to the configured database (PGlite in DATA_DIR, or DATABASE_URL).
import "dotenv/config";
import { parseSettings } from "../lib/config/settings";
import { databaseTarget } from "../lib/db/driver-adapter";
import { migrateDatabase } from "../lib/db/migrate-database";

const target = databaseTarget(parseSettings(process.env));
const where = target.kind === "pglite" ? `PGlite in ${target.dir}` : "PostgreSQL at DATABASE_URL";
try {
  const { applied, alreadyApplied } = await migrateDatabase(target);
  const summary = applied.length ? `applied ${applied.join(", ")}` : "up to date";
  console.log(`[db] ${where}: ${summary} (${alreadyApplied} already applied)`);
} catch (error) {
  console.error(`[db] ${where}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

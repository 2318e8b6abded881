import { parseSettings } from "../config/settings";
import { createDriverAdapter, databaseTarget } from "./driver-adapter";

/** The adapter the Prisma CLI (prisma.config.ts) migrates through: the same database the app uses. */
export async function createMigrationAdapter() {
  return createDriverAdapter(databaseTarget(parseSettings(process.env)));
}

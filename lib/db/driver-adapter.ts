import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { Settings } from "../config/settings";
import { createPgliteAdapter } from "./pglite-adapter";

export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dir: string };

/** PostgreSQL when DATABASE_URL is set, otherwise PGlite embedded in DATA_DIR. */
export function databaseTarget(settings: Pick<Settings, "DATABASE_URL" | "dataDir">): DatabaseTarget {
  return settings.DATABASE_URL
    ? { kind: "postgres", url: settings.DATABASE_URL }
    : { kind: "pglite", dir: path.join(settings.dataDir, "pglite") };
}

export function createDriverAdapter(target: DatabaseTarget): SqlMigrationAwareDriverAdapterFactory {
  if (target.kind === "postgres") return new PrismaPg({ connectionString: target.url });
  mkdirSync(target.dir, { recursive: true });
  return createPgliteAdapter(target.dir);
}

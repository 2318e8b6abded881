import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { Settings } from "../config/settings";

export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dir: string };

/** PostgreSQL when DATABASE_URL is set, otherwise PGlite embedded in DATA_DIR. */
export function databaseTarget(settings: Pick<Settings, "DATABASE_URL" | "dataDir">): DatabaseTarget {
  return settings.DATABASE_URL
    ? { kind: "postgres", url: settings.DATABASE_URL }
    : { kind: "pglite", dir: path.join(settings.dataDir, "pglite") };
}

export function createDriverAdapter(target: DatabaseTarget): PrismaPg | PrismaPGlite {
  if (target.kind === "postgres") return new PrismaPg({ connectionString: target.url });
  mkdirSync(target.dir, { recursive: true });
  return new PrismaPGlite(new PGlite(target.dir));
}

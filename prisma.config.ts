// Prisma CLI configuration: the JavaScript schema engine over the same driver adapter the app
// uses, so `prisma generate` and `prisma migrate` never download a native engine.
import "dotenv/config";
import { defineConfig } from "prisma/config";
import { createMigrationAdapter } from "./lib/db/migration-adapter";

// See the datasource in prisma/schema.prisma: a URL the CLI validates but never connects to.
process.env.PRISMA_SCHEMA_URL ??= "postgresql://localhost/connected-through-driver-adapter";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  engine: "js",
  experimental: { adapter: true },
  adapter: createMigrationAdapter,
});

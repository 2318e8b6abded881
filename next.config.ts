import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The test suite builds into its own directory so it never disturbs a running `npm run up`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Loaded at run time from node_modules rather than bundled: native bindings, wasm files,
  // and the Prisma client, which must stay one instance per process.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "dockerode",
    "ssh2",
    "cpu-features",
    "pino",
    "pino-pretty",
    "prom-client",
  ],
  poweredByHeader: false,
};

export default nextConfig;

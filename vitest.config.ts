import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };
// `server-only` throws outside a React Server environment; tests run server code directly.
const serverOnlyStub = { "server-only": path.resolve(import.meta.dirname, "test/server-only-stub.ts") };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: { ...alias, ...serverOnlyStub } },
        test: {
          name: "unit",
          // Routes log their 5xx whole; the tests that provoke them on purpose need not print it.
          env: { LOG_LEVEL: "silent" },
          include: ["lib/**/*.test.ts", "app/**/*.test.ts", "cli/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts", "runtime-image/**/*.test.ts", "deploy/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
        },
      },
      {
        resolve: { alias: { ...alias, ...serverOnlyStub } },
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**"],
          globalSetup: ["test/integration-setup.ts"],
          // Never the PGlite directory of a running `npm run up`.
          env: { DATA_DIR: ".data/integration", LOG_LEVEL: "warn" },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

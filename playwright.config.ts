import { defineConfig } from "@playwright/test";

// scripts/test.sh builds the app into NEXT_DIST_DIR before this runs; the server migrates DATA_DIR as it starts.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [["list"]],
  timeout: 60_000,
  use: { baseURL, trace: "retain-on-failure" },
  projects: [
    { name: "api", testMatch: /api\/.*\.spec\.ts/ },
    {
      name: "ui",
      testMatch: /ui\/.*\.spec\.ts/,
      use: {
        browserName: "chromium",
        // Browsers are never downloaded: Playwright drives Debian's Chromium.
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "npx tsx server.ts",
    url: `${baseURL}/`,
    timeout: 60_000,
    reuseExistingServer: false,
    // Let the server remove its warm-pool containers on the way out.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: process.env.DATA_DIR ?? ".data/e2e",
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test",
      // Every test signs up its own user, all from loopback.
      SIGNUP_MAX_PER_HOUR: "10000",
    },
  },
});

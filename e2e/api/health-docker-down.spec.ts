import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";

// A second server whose Docker socket leads nowhere: what a user sees when dockerd is stopped.
const port = Number(process.env.E2E_PORT ?? 3100) + 1;
const dataDir = ".data/e2e-docker-down";

async function waitUntilServing(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${url} did not answer within 60 s`);
}

test("health answers 503 naming Docker when the engine is down, and the home page says so", async () => {
  rmSync(dataDir, { recursive: true, force: true });
  const server = spawn("npx", ["tsx", "server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DOCKER_SOCKET: "/nonexistent/docker.sock",
    },
    stdio: "ignore",
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitUntilServing(`${base}/api/health`, server);

    const response = await fetch(`${base}/api/health`);
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.status).toBe("unavailable");
    expect(body.docker.ok).toBe(false);
    expect(body.docker.error).toMatch(/Docker engine is not running/);
    expect(body.db.ok).toBe(true);
    expect(body.images.runtime.ok).toBe(false);

    const page = await (await fetch(base)).text();
    expect(page).toContain("unavailable");
    expect(page).toContain("Docker engine is not running");
  } finally {
    server.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
});

import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { expect, test } from "@playwright/test";

// A second server whose Docker socket leads nowhere: what a user sees when dockerd is stopped.
const dataDir = ".data/e2e-docker-down";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

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

test("with the engine down: health answers 503 naming Docker, the home page says so, connecting a session is a 503", async () => {
  rmSync(dataDir, { recursive: true, force: true });
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    DOCKER_SOCKET: "/nonexistent/docker.sock",
  };
  execFileSync("npx", ["tsx", "scripts/migrate.ts"], { env, stdio: "ignore" });
  // Its own process group, so stopping it stops npx's children too (nothing left on the port).
  const server = spawn("npx", ["tsx", "server.ts"], { env, stdio: "ignore", detached: true });
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

    const signup = await fetch(`${base}/api/auth/signup`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: `${randomUUID()}@example.test`, password: "correct horse battery", name: "Down" }),
    });
    expect(signup.status).toBe(201);
    const cookie = signup.headers.get("set-cookie")!.split(";")[0]!;
    const created = await fetch(`${base}/api/notebooks`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: cookie },
      body: JSON.stringify({ title: "t", content: "```runnable python\nprint(1)\n```" }),
    });
    const { notebook } = await created.json();
    const connect = await fetch(`${base}/api/notebooks/${notebook.id}/session`, { method: "POST", headers: { Cookie: cookie } });
    expect(connect.status).toBe(503);
    expect((await connect.json()).error.message).toMatch(/Docker engine/);
  } finally {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    process.kill(-server.pid!, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

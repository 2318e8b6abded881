// npm test's "docs notebooks" step: serves the e2e build (as Playwright's web server does),
// makes a user and an API token, and runs every notebook under docs/ with `runnel run`.
import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";

const port = Number(process.env.E2E_PORT ?? 3100);
const server = `http://127.0.0.1:${port}`;
const report = process.env.DOCS_JUNIT ?? "test-results/docs-junit.xml";

async function waitForServer(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const up = await fetch(`${server}/api/health`).then(
      (response) => response.status < 500,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The test server did not answer on ${server} within 90 s.`);
}

async function apiToken(): Promise<string> {
  const email = `docs-${randomUUID()}@example.com`;
  const signup = await fetch(`${server}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: `pw-${randomUUID()}`, name: "docs" }),
  });
  if (signup.status !== 201) throw new Error(`Sign-up answered ${signup.status}.`);
  const cookie = (signup.headers.get("set-cookie") ?? "").split(";")[0]!;
  const token = await fetch(`${server}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ name: "docs" }),
  });
  if (token.status !== 201) throw new Error(`Creating a token answered ${token.status}.`);
  return ((await token.json()) as { token: string }).token;
}

// Its own process group, so SIGTERM reaches the server itself and not only npx in front of it
// (the server then removes its warm-pool containers on the way out).
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

const child = spawn("npx", ["tsx", "server.ts"], {
  env: { ...process.env, PORT: String(port), HOST: "127.0.0.1" },
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});
let status = 1;
try {
  await waitForServer(Date.now() + 90_000);
  const token = await apiToken();
  const run = spawnSync(process.execPath, ["cli/runnel.mjs", "run", "docs", "--junit", report], {
    env: { ...process.env, RUNNEL_URL: server, RUNNEL_TOKEN: token },
    stdio: "inherit",
  });
  status = run.status ?? 1;
} finally {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid!, "SIGTERM");
  await exited;
  // npx may exit before the server it ran has finished shutting down.
  for (let waited = 0; waited < 20_000 && groupAlive(child.pid!); waited += 250) await new Promise((r) => setTimeout(r, 250));
}
process.exit(status);

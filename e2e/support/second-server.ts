import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { createServer } from "node:net";

// A Runnel server of a test's own, beside the one Playwright starts: for what needs a server
// with other settings, or one that is stopped and started again.

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitUntilServing(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${url} did not answer within 90 s`);
}

export class SecondServer {
  private process: ChildProcess | undefined;
  readonly base: string;

  private constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.base = `http://127.0.0.1:${port}`;
  }

  /** A server on a free port with a fresh data directory of its own, migrated, not yet started. */
  static async prepare(name: string, settings: Record<string, string> = {}): Promise<SecondServer> {
    const port = await freePort();
    const dataDir = `.data/e2e-${name}`;
    rmSync(dataDir, { recursive: true, force: true });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      SIGNUP_MAX_PER_HOUR: "10000",
      WARM_POOL_SIZE: "0",
      R_POOL_SIZE: "0",
      ...settings,
    };
    execFileSync("npx", ["tsx", "scripts/migrate.ts"], { env, stdio: "ignore" });
    return new SecondServer(port, dataDir, env);
  }

  async start(): Promise<void> {
    // Its own process group, so stopping it stops npx's children too (nothing left on the port).
    this.process = spawn("npx", ["tsx", "server.ts"], { env: this.env, stdio: "ignore", detached: true });
    await waitUntilServing(`${this.base}/api/health`, this.process);
  }

  /** SIGTERM (a clean stop) or SIGKILL (a crash); resolves once the process is gone. */
  async stop(signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): Promise<void> {
    const server = this.process;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once("exit", resolve));
    process.kill(-server.pid!, signal);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    this.process = undefined;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Signs a new user up; returns their cookie header. */
  async signUp(name: string): Promise<string> {
    const response = await fetch(`${this.base}/api/auth/signup`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: `${randomUUID()}@example.test`, password: "correct horse battery", name }),
    });
    if (response.status !== 201) throw new Error(`sign-up answered ${response.status}`);
    return response.headers.get("set-cookie")!.split(";")[0]!;
  }

  request(path: string, cookie: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
    return fetch(`${this.base}${path}`, {
      method: init.method ?? "GET",
      headers: { Cookie: cookie, ...(init.body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  }
}

/** The NDJSON events of a stream as they arrive. */
export async function* ndjsonEvents(response: Response): AsyncGenerator<Record<string, unknown>> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line.trim()) yield JSON.parse(line) as Record<string, unknown>;
    }
  }
}

// The app itself as a user runs it (`tsx server.ts`, production build), on its own port and
// data directory, and only it is stopped at the end.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { rmSync } from "node:fs";
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { instanceLabel } from "../lib/sessions/sandbox-spec";
import { parseSettings } from "../lib/config/settings";
import { runQuietly } from "./run-quietly";
import { serverPid, rssMegabytes } from "./process-tree";

const HEALTH_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

export type ServerOptions = { dataDir: string; port: number; env?: Record<string, string> };

export class BenchServer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly log: string[],
    readonly baseUrl: string,
    readonly dataDir: string,
    /** The `runnel.instance` label on every container this server creates. */
    readonly instance: string,
  ) {}

  static async start({ dataDir, port, env = {} }: ServerOptions): Promise<BenchServer> {
    rmSync(dataDir, { recursive: true, force: true });
    const serverEnv = {
      ...process.env,
      // A .env file must not point the bench at another database or build.
      DATABASE_URL: "",
      NEXT_DIST_DIR: ".next",
      ...env,
      NODE_ENV: "production" as const,
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: dataDir,
    };
    await runQuietly("npx", ["tsx", "scripts/migrate.ts"], serverEnv).catch((error: unknown) => {
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    });
    // Its own process group, so stopping it reaches npx, tsx and the server, and nothing else.
    const child = spawn("npx", ["tsx", "server.ts"], { env: serverEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const log: string[] = [];
    const keep = (chunk: Buffer) => log.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const server = new BenchServer(child, log, `http://127.0.0.1:${port}`, dataDir, instanceLabel(parseSettings(serverEnv)));
    try {
      await server.waitUntilHealthy();
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  /** The resident memory of the process that runs server.ts. */
  rssMegabytes(): { rss: number; peak: number } {
    const pid = serverPid(this.child.pid!);
    if (pid === undefined) throw new Error("The server process is not running.");
    return rssMegabytes(pid);
  }

  private async waitUntilHealthy(): Promise<void> {
    const deadline = Date.now() + HEALTH_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) break;
      const status = await fetch(`${this.baseUrl}/api/health`).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) return;
      await sleep(200);
    }
    throw new Error(`The server did not become healthy:\n${this.log.slice(-30).join("\n")}`);
  }

  async stop(): Promise<void> {
    const pid = this.child.pid;
    if (pid !== undefined && this.child.exitCode === null && this.child.signalCode === null) {
      const exited = once(this.child, "exit");
      // The server shuts down on SIGTERM (warm pool emptied, database closed); tsx and npx
      // then exit with it. Whatever is left of the group after the timeout is killed.
      process.kill(serverPid(pid) ?? -pid, "SIGTERM");
      const stopped = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
      if (!stopped) killGroup(pid);
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

/** `preferred` when nothing listens there, otherwise a port the system picks. */
export async function freePort(preferred: number): Promise<number> {
  for (const candidate of [preferred, 0]) {
    const port = await new Promise<number | undefined>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(undefined));
      probe.listen(candidate, "127.0.0.1", () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === "object" && address ? address.port : undefined));
      });
    });
    if (port) return port;
  }
  throw new Error("No free port.");
}

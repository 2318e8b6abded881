import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { ndjsonEvents, SecondServer } from "../support/second-server";

// Faults that end runs: the Docker engine going away under a running block and coming back, and
// Runnel itself crashing mid-run. Each against a server of its own.

// Isolated: each block a fresh process, so running block 1 after block 0 was cut short is not a stale chain.
const NOTEBOOK = "---\nstate: isolated\n---\n\n```runnable bash\necho started; sleep 60\n```\n\n```runnable python\nprint('ok after')\n```\n";

/**
 * The engine's socket as the server sees it, through a relay the test can cut: every connection
 * (the API and the agents' attach streams) ends at once, as when dockerd stops, and new ones are
 * refused until it is restored. The containers themselves live on in the real engine.
 */
class EngineRelay {
  readonly path = join(tmpdir(), `runnel-engine-relay-${randomUUID()}.sock`);
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  async open(): Promise<void> {
    rmSync(this.path, { force: true });
    this.server = createServer((client) => {
      const engine = connect("/var/run/docker.sock");
      for (const socket of [client, engine]) {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
        socket.on("error", () => socket.destroy());
      }
      client.pipe(engine).pipe(client);
      client.on("close", () => engine.destroy());
      engine.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(this.path, resolve));
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
    rmSync(this.path, { force: true });
  }
}

async function runBlock(server: SecondServer, cookie: string, sessionId: string, blockIndex: number) {
  const response = await server.request("/api/executions", cookie, { method: "POST", body: { sessionId, blockIndex } });
  expect(response.status).toBe(200);
  return ndjsonEvents(response);
}

async function collect(events: AsyncGenerator<Record<string, unknown>>) {
  const all: Record<string, unknown>[] = [];
  for await (const event of events) all.push(event);
  return all;
}

/** Reads until the block has printed `started`, leaving the rest of the stream to read (no for-await: its return would close it). */
async function untilStarted(events: AsyncGenerator<Record<string, unknown>>) {
  for (;;) {
    const { value: event, done } = await events.next();
    if (done) throw new Error("the block ended before it printed started");
    if (event.type === "output" && String(event.data).includes("started")) return;
  }
}

function containersOfSession(sessionId: string): string[] {
  const out = execFileSync("docker", ["ps", "-aq", "--filter", `label=runnel.session=${sessionId}`], { encoding: "utf8" });
  return out.split("\n").filter(Boolean);
}

test("the engine stops under a running block: the run says so, health and connect answer 503, and once it is back a fresh session runs", async () => {
  test.setTimeout(180_000);
  const relay = new EngineRelay();
  await relay.open();
  const server = await SecondServer.prepare("engine-outage", { DOCKER_SOCKET: relay.path });
  try {
    await server.start();
    const cookie = await server.signUp("Outage");
    const { notebook } = await (await server.request("/api/notebooks", cookie, { method: "POST", body: { title: "outage", content: NOTEBOOK } })).json();
    const first = await server.request(`/api/notebooks/${notebook.id}/session`, cookie, { method: "POST" });
    expect(first.status).toBe(201);
    const { session } = await first.json();

    const events = await runBlock(server, cookie, session.id, 0);
    await untilStarted(events);
    const cutAt = Date.now();
    await relay.cut();
    const rest = await collect(events);
    const endedAfterMs = Date.now() - cutAt;
    const error = rest.find((event) => event.type === "error") as { message: string } | undefined;
    expect(error?.message).toMatch(/Docker engine stopped/);
    // Well inside the block's own 60 s: the run ended because the engine went, not by timeout.
    expect(endedAfterMs).toBeLessThan(15_000);

    const health = await fetch(`${server.base}/api/health`);
    expect(health.status).toBe(503);
    expect((await health.json()).docker.error).toMatch(/Docker engine/);
    const down = await server.request(`/api/notebooks/${notebook.id}/session`, cookie, { method: "POST" });
    expect(down.status).toBe(503);
    expect((await down.json()).error.message).toMatch(/Docker engine/);

    await relay.open();
    await expect.poll(async () => (await fetch(`${server.base}/api/health`)).status, { timeout: 30_000 }).toBe(200);
    const again = await server.request(`/api/notebooks/${notebook.id}/session`, cookie, { method: "POST" });
    expect(again.status).toBe(201);
    const fresh = (await again.json()).session;
    expect(fresh.id).not.toBe(session.id);
    const after = await collect(await runBlock(server, cookie, fresh.id, 1));
    expect(after.filter((event) => event.type === "output").map((event) => event.data).join("")).toContain("ok after");
    expect(after.at(-1)).toMatchObject({ type: "exit", exitCode: 0 });

    // The old session's container, which the engine kept while Runnel could not reach it, is removed.
    await expect.poll(() => containersOfSession(session.id), { timeout: 60_000 }).toEqual([]);
    const stored = await (await server.request(`/api/sessions/${session.id}/executions`, cookie)).json();
    expect(stored.executions.find((run: { blockIndex: number }) => run.blockIndex === 0)).toMatchObject({ status: "error" });
    await server.request(`/api/notebooks/${notebook.id}/session`, cookie, { method: "DELETE" });
  } finally {
    await server.dispose();
    await relay.cut();
  }
});

test("Runnel crashes mid-run: after the restart that run is interrupted, not running forever, and the session runs again", async () => {
  test.setTimeout(180_000);
  const server = await SecondServer.prepare("crash-restart");
  try {
    await server.start();
    const cookie = await server.signUp("Crash");
    const { notebook } = await (await server.request("/api/notebooks", cookie, { method: "POST", body: { title: "crash", content: NOTEBOOK } })).json();
    const { session } = await (await server.request(`/api/notebooks/${notebook.id}/session`, cookie, { method: "POST" })).json();
    await untilStarted(await runBlock(server, cookie, session.id, 0));

    await server.stop("SIGKILL");
    await server.start();

    await expect
      .poll(async () => {
        const stored = await (await server.request(`/api/sessions/${session.id}/executions`, cookie)).json();
        return stored.executions?.find((run: { blockIndex: number }) => run.blockIndex === 0)?.status;
      }, { timeout: 30_000 })
      .toBe("interrupted");
    // The session's container survived the crash and is used again.
    const reconnect = await server.request(`/api/notebooks/${notebook.id}/session`, cookie, { method: "POST" });
    expect(reconnect.status).toBe(200);
    const after = await collect(await runBlock(server, cookie, session.id, 1));
    expect(after.at(-1)).toMatchObject({ type: "exit", exitCode: 0 });
    await server.request(`/api/notebooks/${notebook.id}/session`, cookie, { method: "DELETE" });
    expect(containersOfSession(session.id)).toEqual([]);
  } finally {
    await server.dispose();
  }
});

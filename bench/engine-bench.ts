// The engine's figures through the app's own HTTP API, each beside a bare Docker exec baseline.
import { loadavg } from "node:os";
import { BENCH_NOTEBOOK } from "./bench-notebook";
import { coldConnect, warmConnect } from "./connect-latency";
import { removeInstanceContainers, sessionContainer } from "./docker-engine";
import { BenchClient } from "./http-client";
import type { Figure, Sample } from "./measure";
import { ensureProductionBuild } from "./production-build";
import { runLatency } from "./run-latency";
import { benchKernels, firstRunAfterPoolConnect } from "./kernels";
import { BenchServer, freePort, type ServerOptions } from "./server-process";
import { serverMemory } from "./server-memory";
import { throughput } from "./throughput";

const DATA_DIR = ".data/bench";
const POOL_SIZE = 2;

export type EngineResults = { samples: Sample[]; figures: Figure[]; notes: string[] };

const load = () => loadavg().map((value) => value.toFixed(1)).join(" ");

function step(message: string): void {
  console.log(`· ${message}`);
}

async function withServer<T>(options: ServerOptions, body: (server: BenchServer, client: BenchClient) => Promise<T>): Promise<T> {
  const server = await BenchServer.start(options);
  try {
    return await body(server, await BenchClient.signUp(server.baseUrl));
  } finally {
    await server.stop();
    const left = await removeInstanceContainers(server.instance);
    if (left) console.log(`  removed ${left} container(s) the server left behind`);
  }
}

/**
 * Two servers in turn on the same port and data directory: without a warm pool (so every
 * session's container carries its session id, for the bare-exec baselines), then with one.
 */
export async function benchEngine(): Promise<EngineResults> {
  const notes = await ensureProductionBuild();
  // Other work on the machine moves every figure; the ratios to bare exec move least.
  const loadBefore = load();
  const port = await freePort(3900);
  const samples: Sample[] = [];
  const figures: Figure[] = [];

  step(`server on :${port}, WARM_POOL_SIZE=0`);
  // The throughput step holds 10 sessions for one bench user, past MAX_SESSIONS_PER_USER's default.
  await withServer({ dataDir: DATA_DIR, port, env: { WARM_POOL_SIZE: "0", MAX_SESSIONS_PER_USER: "20" } }, async (server, client) => {
    step("connect latency, cold");
    samples.push(...(await coldConnect(client, 8)));

    const notebookId = await client.createNotebook(BENCH_NOTEBOOK);
    const sessionId = await client.connect(notebookId);
    const containerId = await sessionContainer(sessionId);
    step("run latency, API and bare exec");
    const latency = await runLatency({ client, sessionId, containerId, runs: 30, warmups: 3 });
    samples.push(...latency.samples);
    figures.push(...latency.figures);

    step("kernels: warm python beside raw jupyter_client, bash shell, cold starts");
    const kernels = await benchKernels({ client, sessionId, containerId, runs: 30 });
    samples.push(...kernels.samples);
    figures.push(...kernels.figures);

    step("server memory, 50 MB floods and a 400 MB newline-less flood");
    const memory = await serverMemory(server, client, sessionId);
    samples.push(...memory.samples);
    figures.push(...memory.figures);
    await client.disconnect(notebookId);

    step("throughput, 10 sessions");
    figures.push(...(await throughput({ client, sessions: 10, durationMs: 10_000 })));
  });

  step(`server on :${port}, WARM_POOL_SIZE=${POOL_SIZE}`);
  await withServer({ dataDir: DATA_DIR, port, env: { WARM_POOL_SIZE: String(POOL_SIZE) } }, async (server, client) => {
    step("connect latency, warm pool");
    samples.push(await warmConnect(client, server.instance, POOL_SIZE, 8));
    step("kernels: first run after a warm-pool connect");
    const first = await firstRunAfterPoolConnect(client, server.instance, POOL_SIZE, 5);
    samples.push(...first.samples);
    figures.push(...first.figures);
  });
  notes.push(`load average (1, 5, 15 min) ${loadBefore} at the start of the engine bench, ${load()} at the end`);
  return { samples, figures, notes };
}

import { setTimeout as sleep } from "node:timers/promises";
import { BENCH_NOTEBOOK } from "./bench-notebook";
import { inspectContainer, listContainers } from "./docker-engine";
import type { BenchClient } from "./http-client";
import { summarize, timed, type Sample } from "./measure";

const POOL_WAIT_MS = 60_000;
// A pool container counts as ready once it has been up this long (its agent answers within ms).
const SETTLED_MS = 500;

/**
 * Connects to a new notebook `runs` times (after one warm-up), disconnecting after each; before
 * every connect, `beforeEach` may wait for the server to be ready for it.
 */
async function connectTimes(client: BenchClient, runs: number, beforeEach: () => Promise<void>) {
  const connect: number[] = [];
  const disconnect: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const notebookId = await client.createNotebook(BENCH_NOTEBOOK, `Connect ${i}`);
    await beforeEach();
    const connectMs = await timed(() => client.connect(notebookId));
    const disconnectMs = await timed(() => client.disconnect(notebookId));
    if (i === 0) continue;
    connect.push(connectMs);
    disconnect.push(disconnectMs);
  }
  return { connect, disconnect };
}

/** Connect with no warm pool: every session creates and starts its container. */
export async function coldConnect(client: BenchClient, runs: number): Promise<Sample[]> {
  const { connect, disconnect } = await connectTimes(client, runs, async () => undefined);
  return [
    summarize("connect, cold (WARM_POOL_SIZE=0)", connect, { note: "new container per session" }),
    summarize("disconnect (container removed)", disconnect),
  ];
}

/** Connect when the warm pool is full, as a reader who arrives at a quiet moment finds it. */
export async function warmConnect(client: BenchClient, instance: string, poolSize: number, runs: number): Promise<Sample> {
  const { connect } = await connectTimes(client, runs, () => waitForFullPool(instance, poolSize));
  return summarize(`connect, warm pool (WARM_POOL_SIZE=${poolSize})`, connect, { underMs: 60 });
}

async function waitForFullPool(instance: string, size: number): Promise<void> {
  const deadline = Date.now() + POOL_WAIT_MS;
  while (Date.now() < deadline) {
    const pooled = await listContainers(["runnel.kind=pool", `runnel.instance=${instance}`]);
    if (pooled.length === size && pooled.every((c) => c.State === "running")) {
      const started = await Promise.all(pooled.map(async (c) => Date.parse((await inspectContainer(c.Id)).State.StartedAt)));
      if (Date.now() - Math.max(...started) >= SETTLED_MS) return;
    }
    await sleep(100);
  }
  throw new Error(`The warm pool did not fill to ${size} within ${POOL_WAIT_MS / 1000} s.`);
}

// npm run bench:kernels — only issue 15's kernel figures (npm run bench includes them too).
import { loadavg } from "node:os";
import { BENCH_NOTEBOOK } from "./bench-notebook";
import { removeInstanceContainers, sessionContainer } from "./docker-engine";
import { BenchClient } from "./http-client";
import { benchKernels, firstRunAfterPoolConnect } from "./kernels";
import type { Figure, Sample } from "./measure";
import { ensureProductionBuild } from "./production-build";
import { printReport } from "./report";
import { BenchServer, freePort, type ServerOptions } from "./server-process";
import { throughput } from "./throughput";

const DATA_DIR = ".data/bench-kernels";

async function withServer(options: ServerOptions, body: (server: BenchServer, client: BenchClient) => Promise<void>): Promise<void> {
  const server = await BenchServer.start(options);
  try {
    await body(server, await BenchClient.signUp(server.baseUrl));
  } finally {
    await server.stop();
    await removeInstanceContainers(server.instance);
  }
}

const notes = await ensureProductionBuild();
const samples: Sample[] = [];
const figures: Figure[] = [];
const port = await freePort(3950);
const load = () => loadavg().map((value) => value.toFixed(1)).join(" ");
const notes2: string[] = [`load average (1, 5, 15 min) ${load()} at the start`];
// The throughput step holds 10 sessions for one bench user, past MAX_SESSIONS_PER_USER's default.
await withServer({ dataDir: DATA_DIR, port, env: { WARM_POOL_SIZE: "0", MAX_SESSIONS_PER_USER: "20" } }, async (_server, client) => {
  const notebookId = await client.createNotebook(BENCH_NOTEBOOK);
  const sessionId = await client.connect(notebookId);
  const kernels = await benchKernels({ client, sessionId, containerId: await sessionContainer(sessionId), runs: 30 });
  samples.push(...kernels.samples);
  figures.push(...kernels.figures);
  await client.disconnect(notebookId);
  notes2.push(`load average ${load()} before the throughput step`);
  figures.push(...(await throughput({ client, sessions: 10, durationMs: 10_000 })));
});
notes2.push(`load average ${load()} before the warm-pool step`);
await withServer({ dataDir: DATA_DIR, port, env: { WARM_POOL_SIZE: "2" } }, async (server, client) => {
  const first = await firstRunAfterPoolConnect(client, server.instance, 2, 5);
  samples.push(...first.samples);
  figures.push(...first.figures);
});
notes2.push(`load average ${load()} at the end`);
printReport(samples, figures, [...notes, ...notes2]);

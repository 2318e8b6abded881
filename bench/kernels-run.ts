// npm run bench:kernels — only issue 15's kernel figures (npm run bench includes them too).
import { BENCH_NOTEBOOK } from "./bench-notebook";
import { removeInstanceContainers, sessionContainer } from "./docker-engine";
import { BenchClient } from "./http-client";
import { benchKernels, firstRunAfterPoolConnect } from "./kernels";
import type { Figure, Sample } from "./measure";
import { ensureProductionBuild } from "./production-build";
import { printReport } from "./report";
import { BenchServer, freePort, type ServerOptions } from "./server-process";

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
await withServer({ dataDir: DATA_DIR, port, env: { WARM_POOL_SIZE: "0" } }, async (_server, client) => {
  const notebookId = await client.createNotebook(BENCH_NOTEBOOK);
  const sessionId = await client.connect(notebookId);
  const kernels = await benchKernels({ client, sessionId, containerId: await sessionContainer(sessionId), runs: 30 });
  samples.push(...kernels.samples);
  figures.push(...kernels.figures);
});
await withServer({ dataDir: DATA_DIR, port, env: { WARM_POOL_SIZE: "2" } }, async (server, client) => {
  const first = await firstRunAfterPoolConnect(client, server.instance, 2, 5);
  samples.push(...first.samples);
  figures.push(...first.figures);
});
printReport(samples, figures, notes);

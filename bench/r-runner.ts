// The R runner's latency (POST /api/r/run, one fresh container per request, taken from the R
// pool at its default size) beside the same script as an R block in a running session container.
import { BenchClient } from "./http-client";
import { summarize, type Figure, type Sample } from "./measure";
import { removeInstanceContainers, sessionContainer } from "./docker-engine";
import { bareExec } from "./docker-exec";
import { BenchServer, freePort } from "./server-process";

const DATA_DIR = ".data/bench-r";
const RUNNER_TOKEN = "bench-runner-token-0123456789";
const SCRIPT = "cat(1)";
const RUNS = 15;
const WARMUPS = 2;

async function runnerRun(baseUrl: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(`${baseUrl}/api/r/run`, {
    method: "POST",
    headers: { Authorization: `Bearer ${RUNNER_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ script: SCRIPT }),
  });
  const reply = (await response.json()) as { ok?: boolean; stdout?: string };
  if (response.status !== 200 || !reply.ok || reply.stdout !== "1") throw new Error(`The R runner answered ${response.status}: ${JSON.stringify(reply).slice(0, 300)}`);
  return performance.now() - start;
}

/** The floor under both: Rscript started by a bare `docker exec` in the running session container. */
async function bareRun(containerId: string): Promise<number> {
  const start = performance.now();
  const result = await bareExec(containerId, ["Rscript", "--no-echo", "-e", SCRIPT]);
  if (result.exitCode !== 0 || result.stdout !== "1") throw new Error(`Bare Rscript printed ${JSON.stringify(result.stdout)}, exit ${result.exitCode}.`);
  return performance.now() - start;
}

async function sessionRun(client: BenchClient, sessionId: string): Promise<number> {
  const result = await client.run(sessionId, 0);
  if (result.exitCode !== 0 || result.stdout !== "1") throw new Error(`The R block printed ${JSON.stringify(result.stdout)}, exit ${result.exitCode}.`);
  return result.exitAtMs;
}

/** `env` adds to the server's environment (e.g. NEXT_DIST_DIR to measure another build). */
export async function benchRRunner(env: Record<string, string> = {}): Promise<{ samples: Sample[]; figures: Figure[] }> {
  const port = await freePort(3950);
  console.log(`· R runner on :${port}, cat(1): fresh container per request, then in a session`);
  const server = await BenchServer.start({ dataDir: DATA_DIR, port, env: { WARM_POOL_SIZE: "0", RUNNER_TOKEN, RUNNER_SCRIPT_IMAGE: "r-base", ...env } });
  try {
    const client = await BenchClient.signUp(server.baseUrl);
    const notebookId = await client.createNotebook(`\`\`\`runnable r\n${SCRIPT}\n\`\`\`\n`);
    const sessionId = await client.connect(notebookId);
    const containerId = await sessionContainer(sessionId);
    const runner: number[] = [];
    const session: number[] = [];
    const bare: number[] = [];
    // Interleaved, so drift in the machine's load hits both alike.
    for (let i = 0; i < WARMUPS + RUNS; i++) {
      const fresh = await runnerRun(server.baseUrl);
      const warm = await sessionRun(client, sessionId);
      const floor = await bareRun(containerId);
      if (i < WARMUPS) continue;
      runner.push(fresh);
      session.push(warm);
      bare.push(floor);
    }
    await client.disconnect(notebookId);
    const samples = [
      summarize("R cat(1), POST /api/r/run (fresh container per request)", runner, {
        underMs: 350,
        note: "a started, never-used container from the R pool runs Rscript through its agent; removed after the reply",
      }),
      summarize("R cat(1), block in a running session container", session),
      summarize("R cat(1), bare docker exec Rscript in that container", bare),
    ];
    const [fresh, warm, floor] = samples.map((sample) => sample.medianMs) as [number, number, number];
    return {
      samples,
      figures: [
        { name: "R runner p50 / session p50", value: Number((fresh / warm).toFixed(2)), unit: "x" },
        // The machine's load moves Rscript's own start-up most; this ratio moves least.
        { name: "R runner p50 / bare docker exec Rscript p50", value: Number((fresh / floor).toFixed(2)), unit: "x" },
      ],
    };
  } finally {
    await server.stop();
    const left = await removeInstanceContainers(server.instance);
    if (left) console.log(`  removed ${left} container(s) the server left behind`);
  }
}

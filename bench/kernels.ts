// Issue 15's kernel figures: a warm Python kernel through the HTTP API beside a raw Jupyter round
// trip (jupyter_client driving ipykernel directly, in the same container), bash in its persistent
// shell, each kernel's cold start, and the first run after a warm-pool connect.
import { setTimeout as sleep } from "node:timers/promises";
import { BENCH_NOTEBOOK, BLOCKS } from "./bench-notebook";
import { bareExec } from "./docker-exec";
import { listContainers } from "./docker-engine";
import type { BenchClient } from "./http-client";
import { median, summarize, timed, type Figure, type Sample } from "./measure";

// Runs in the session container: its own ipykernel started by jupyter_client's KernelManager and
// driven by a BlockingKernelClient, print("hi") timed from execute() to its reply and idle status.
const RAW_JUPYTER = String.raw`
import json, time
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name="python3")
def once():
    start = time.perf_counter()
    msg_id = kc.execute('print("hi")')
    reply = idle = False
    while not (reply and idle):
        if not reply:
            kc.get_shell_msg(timeout=10)
            reply = True
        while not idle:
            msg = kc.get_iopub_msg(timeout=10)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
    return (time.perf_counter() - start) * 1000
for _ in range(5): once()
times = [once() for _ in range(RUNS)]
kc.stop_channels(); km.shutdown_kernel(now=True)
print(json.dumps(times))`;

export type KernelBenchOptions = { client: BenchClient; sessionId: string; containerId: string; runs: number };

async function apiTimes(client: BenchClient, sessionId: string, block: number, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const result = await client.run(sessionId, block);
    if (result.exitCode !== 0 || result.stdout !== "hi\n") throw new Error(`Block ${block} printed ${JSON.stringify(result.stdout)}, exit ${result.exitCode}.`);
    if (i >= 3) times.push(result.exitAtMs);
  }
  return times;
}

async function rawJupyterTimes(containerId: string, runs: number): Promise<number[]> {
  const result = await bareExec(containerId, ["python3", "-c", RAW_JUPYTER.replace("RUNS", String(runs))]);
  if (result.exitCode !== 0) throw new Error(`The raw Jupyter round trip failed: ${result.stderr.slice(-500)}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as number[];
}

/** Warm kernels through the API beside raw Jupyter, bash's shell, and each kernel's cold start. */
export async function benchKernels({ client, sessionId, containerId, runs }: KernelBenchOptions): Promise<{ samples: Sample[]; figures: Figure[] }> {
  const api = await apiTimes(client, sessionId, BLOCKS.python, runs);
  const raw = await rawJupyterTimes(containerId, runs);
  const bash = await apiTimes(client, sessionId, BLOCKS.bash, runs);
  // For scale on a loaded machine: the same print as a bare `docker exec` (a fresh python).
  const bare: number[] = [];
  for (let i = 0; i < 10; i++) bare.push(await timed(() => bareExec(containerId, ["python3", "-c", 'print("hi")'])));
  const samples = [
    summarize("bare docker exec python3 -c print, same container (for scale)", bare),
    summarize("kernel: python print, API (warm kernel)", api, { underMs: 8 }),
    summarize("kernel: python print, raw jupyter_client round trip", raw),
    summarize("kernel: bash echo, API (persistent shell)", bash, { underMs: 5 }),
  ];
  for (const runtime of ["python", "bash", "r"] as const) {
    const cold: number[] = [];
    for (let i = 0; i < 3; i++) {
      // The restart returns at once; the run waits for the fresh kernel, so it measures its start.
      cold.push(await timed(async () => {
        await client.restartKernel(sessionId, runtime);
        const result = await client.run(sessionId, BLOCKS[runtime]);
        if (result.exitCode !== 0) throw new Error(`The ${runtime} block failed after a restart (exit ${result.exitCode}).`);
      }));
    }
    samples.push(summarize(`kernel: ${runtime} cold start (restart → first run's exit)`, cold));
  }
  const ratio = median(api) / median(raw);
  return {
    samples,
    figures: [
      { name: "python print via API, p50", value: median(api), unit: "ms", target: "≤ 8 ms", met: median(api) <= 8 },
      { name: "python print via API / raw jupyter_client (p50s)", value: ratio, unit: "×", target: "≤ 2×", met: ratio <= 2 },
      { name: "bash echo in the persistent shell via API, p50", value: median(bash), unit: "ms", target: "≤ 5 ms", met: median(bash) <= 5 },
    ],
  };
}

const POOL_WAIT_MS = 120_000;

/** The first python run right after connecting, when the warm pool's sandboxes wait with a kernel. */
export async function firstRunAfterPoolConnect(client: BenchClient, instance: string, poolSize: number, runs: number): Promise<{ samples: Sample[]; figures: Figure[] }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const notebookId = await client.createNotebook(BENCH_NOTEBOOK, `First run ${i}`);
    await waitForWarmPool(instance, poolSize);
    const sessionId = await client.connect(notebookId);
    const result = await client.run(sessionId, BLOCKS.python);
    if (result.exitCode !== 0) throw new Error(`The first run after connect failed (exit ${result.exitCode}).`);
    times.push(result.exitAtMs);
    await client.disconnect(notebookId);
  }
  const sample = summarize(`kernel: first python run after a warm-pool connect (WARM_POOL_SIZE=${poolSize})`, times, { underMs: 150 });
  return { samples: [sample], figures: [{ name: "first python run after a warm-pool connect, p50", value: sample.medianMs, unit: "ms", target: "≤ 150 ms", met: sample.medianMs <= 150 }] };
}

/** Waits for a full pool whose sandboxes have had time to start their python kernel. */
async function waitForWarmPool(instance: string, size: number): Promise<void> {
  const deadline = Date.now() + POOL_WAIT_MS;
  while (Date.now() < deadline) {
    const pooled = await listContainers(["runnel.kind=pool", `runnel.instance=${instance}`]);
    if (pooled.length === size && pooled.every((c) => c.State === "running")) {
      const warm = await Promise.all(pooled.map((c) => bareExec(c.Id, ["sh", "-c", "ls -d /tmp/runnel-kernel-python-*/ && pgrep -f ipykernel_launcher"]).then((r) => r.exitCode === 0)));
      if (warm.every(Boolean)) {
        await sleep(1500); // the kernel answers kernel_info a moment after it exists
        return;
      }
    }
    await sleep(200);
  }
  throw new Error(`The warm pool did not fill to ${size} warm sandboxes within ${POOL_WAIT_MS / 1000} s.`);
}

import { BARE_COMMANDS, BLOCKS } from "./bench-notebook";
import { bareExec } from "./docker-exec";
import type { BenchClient } from "./http-client";
import { summarize, timed, type Figure, type Sample } from "./measure";

type Runtime = "python" | "bash";

export type RunLatencyOptions = { client: BenchClient; sessionId: string; containerId: string; runs: number; warmups: number };

async function apiRun(options: RunLatencyOptions, runtime: Runtime): Promise<number> {
  const result = await options.client.run(options.sessionId, BLOCKS[runtime]);
  if (result.exitCode !== 0 || result.stdout !== "hi\n") throw new Error(`The ${runtime} block printed ${JSON.stringify(result.stdout)}, exit ${result.exitCode}.`);
  return result.exitAtMs;
}

async function bareRun(options: RunLatencyOptions, runtime: Runtime): Promise<number> {
  return timed(async () => {
    const result = await bareExec(options.containerId, [...BARE_COMMANDS[runtime]]);
    if (result.exitCode !== 0 || result.stdout !== "hi\n") throw new Error(`Bare ${runtime} exec printed ${JSON.stringify(result.stdout)}, exit ${result.exitCode}.`);
  });
}

/**
 * A block's run through the API (request sent → `exit` event) beside a bare Docker exec of the
 * same command in the same container, interleaved so drift in the machine hits both alike.
 */
export async function runLatency(options: RunLatencyOptions): Promise<{ samples: Sample[]; figures: Figure[] }> {
  const times: Record<Runtime, { api: number[]; bare: number[] }> = { python: { api: [], bare: [] }, bash: { api: [], bare: [] } };
  for (let i = 0; i < options.warmups + options.runs; i++) {
    for (const runtime of ["python", "bash"] as const) {
      const api = await apiRun(options, runtime);
      const bare = await bareRun(options, runtime);
      if (i < options.warmups) continue;
      times[runtime].api.push(api);
      times[runtime].bare.push(bare);
    }
  }
  const samples = [
    summarize("run python print, API", times.python.api),
    summarize("run python print, bare docker exec", times.python.bare),
    summarize("run bash echo, API", times.bash.api, { underMs: 15 }),
    summarize("run bash echo, bare docker exec", times.bash.bare),
  ];
  const ratio = (runtime: Runtime) => samples[runtime === "python" ? 0 : 2]!.medianMs / samples[runtime === "python" ? 1 : 3]!.medianMs;
  const python = ratio("python");
  return {
    samples,
    figures: [
      { name: "python run, API / bare exec (medians)", value: python, unit: "×", target: "≤ 0.6×", met: python <= 0.6 },
      { name: "bash echo, API / bare exec (medians)", value: ratio("bash"), unit: "×" },
    ],
  };
}

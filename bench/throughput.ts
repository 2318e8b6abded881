import { BARE_COMMANDS, BENCH_NOTEBOOK, BLOCKS } from "./bench-notebook";
import { sessionContainer } from "./docker-engine";
import { bareExec } from "./docker-exec";
import type { BenchClient } from "./http-client";
import type { Figure } from "./measure";

export type ThroughputOptions = { client: BenchClient; sessions: number; durationMs: number };

/** Runs `once` in `loops` parallel loops until `durationMs` has passed; completed runs per second. */
async function runsPerSecond(loops: Array<() => Promise<number>>, durationMs: number): Promise<number> {
  const start = performance.now();
  const end = start + durationMs;
  const counts = await Promise.all(
    loops.map(async (once) => {
      let count = 0;
      while (performance.now() < end) {
        const exitCode = await once();
        if (exitCode !== 0) throw new Error(`A throughput run exited ${exitCode}.`);
        count++;
      }
      return count;
    }),
  );
  const total = counts.reduce((sum, count) => sum + count, 0);
  return total / ((performance.now() - start) / 1000);
}

/** The bash echo block looped in N sessions at once, beside bare exec loops into the same containers. */
export async function throughput({ client, sessions, durationMs }: ThroughputOptions): Promise<Figure[]> {
  const notebookIds = await Promise.all(Array.from({ length: sessions }, (_, i) => client.createNotebook(BENCH_NOTEBOOK, `Throughput ${i}`)));
  try {
    const sessionIds = await Promise.all(notebookIds.map((id) => client.connect(id)));
    const containers = await Promise.all(sessionIds.map(sessionContainer));
    const api = sessionIds.map((sessionId) => async () => (await client.run(sessionId, BLOCKS.bash)).exitCode);
    const bare = containers.map((id) => async () => (await bareExec(id, [...BARE_COMMANDS.bash])).exitCode);
    await Promise.all([...api, ...bare].map((once) => once()));
    const apiRate = await runsPerSecond(api, durationMs);
    const bareRate = await runsPerSecond(bare, durationMs);
    const seconds = `${sessions} loops × ${durationMs / 1000} s`;
    return [
      { name: `bash echo throughput, ${sessions} sessions, API`, value: apiRate, unit: "runs/s", note: seconds },
      { name: `bash echo throughput, ${sessions} containers, bare exec`, value: bareRate, unit: "runs/s", note: seconds },
      // Issue 15's target: the kernels' throughput at least three times bare exec's.
      { name: "throughput, API / bare exec", value: apiRate / bareRate, unit: "×", target: "≥ 3×", met: apiRate >= 3 * bareRate },
    ];
  } finally {
    await Promise.all(notebookIds.map((id) => client.disconnect(id).catch(() => undefined)));
  }
}

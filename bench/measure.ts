import { execFileSync } from "node:child_process";

/** A timed figure: the spread of repeated runs, in milliseconds. */
export type Sample = {
  name: string;
  target?: string;
  met?: boolean;
  note?: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
};

/** A figure that is not a latency: a rate, a ratio, a size. */
export type Figure = { name: string; value: number; unit: string; target?: string; met?: boolean; note?: string };

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export type Target = { underMs?: number; note?: string };

/** Summarises timings; a target `underMs` is met when the median is below it. */
export function summarize(name: string, times: number[], { underMs, note }: Target = {}): Sample {
  const medianMs = median(times);
  return {
    name,
    ...(underMs === undefined ? {} : { target: `< ${underMs} ms`, met: medianMs < underMs }),
    ...(note ? { note } : {}),
    runs: times.length,
    medianMs,
    p95Ms: percentile(times, 95),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
  };
}

/** Times `fn` once. */
export async function timed(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Times `fn` `runs` times after `warmups` untimed runs. */
export async function timeRuns(fn: () => unknown, { runs = 7, warmups = 1 }: { runs?: number; warmups?: number } = {}): Promise<number[]> {
  for (let i = 0; i < warmups; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(fn));
  return times;
}

/** Times `fn` `runs` times after one warm-up run, returning the median and the spread. */
export async function measure(name: string, fn: () => unknown, { runs = 7, ...target }: { runs?: number } & Target = {}): Promise<Sample> {
  return summarize(name, await timeRuns(fn, { runs }), target);
}

export function command(file: string, args: string[]): () => void {
  return () => {
    execFileSync(file, args, { stdio: "ignore" });
  };
}

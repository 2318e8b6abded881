import { execFileSync } from "node:child_process";

export type Sample = { name: string; target?: string; runs: number; medianMs: number; minMs: number; maxMs: number };

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Times `fn` `runs` times after one warm-up run, returning the median and the spread. */
export async function measure(
  name: string,
  fn: () => unknown,
  { runs = 7, target }: { runs?: number; target?: string } = {},
): Promise<Sample> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return { name, target, runs, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times) };
}

export function command(file: string, args: string[]): () => void {
  return () => {
    execFileSync(file, args, { stdio: "ignore" });
  };
}

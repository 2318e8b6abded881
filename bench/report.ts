import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Figure, Sample } from "./measure";

const ms = (value: number) => `${value.toFixed(1)} ms`;
const verdict = (met: boolean | undefined) => (met === undefined ? "" : met ? "met" : "MISSED");

function table(header: string[], rows: string[][], widths: number[]): string {
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 || i >= cells.length - 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

export function printReport(samples: Sample[], figures: Figure[], notes: string[]): void {
  console.log(
    table(
      ["benchmark", "median", "p95", "range", "runs", "target", "", "note"],
      samples.map((s) => [s.name, ms(s.medianMs), ms(s.p95Ms), `${s.minMs.toFixed(1)}–${s.maxMs.toFixed(1)} ms`, String(s.runs), s.target ?? "", verdict(s.met), s.note ?? ""]),
      [40, 10, 10, 18, 4, 10, 6, 0],
    ),
  );
  if (figures.length) {
    console.log();
    console.log(
      table(
        ["figure", "value", "target", "", "note"],
        figures.map((f) => [f.name, `${f.value.toFixed(f.unit === "×" ? 2 : 1)} ${f.unit}`, f.target ?? "", verdict(f.met), f.note ?? ""]),
        [44, 14, 10, 6, 0],
      ),
    );
  }
  for (const note of notes) console.log(`note: ${note}`);
}

export function writeResults(results: { samples: Sample[]; figures: Figure[]; notes: string[] }): string {
  const dir = path.resolve("bench/results");
  mkdirSync(dir, { recursive: true });
  const at = new Date().toISOString();
  const file = path.join(dir, `bench-${at.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify({ at, ...results }, null, 2));
  return path.relative(process.cwd(), file);
}

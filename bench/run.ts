// npm run bench: the speed targets the issues name, measured side by side in one run.
// Needs the set-up of `npm run up` (a Docker engine and built images).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { command, measure, type Sample } from "./measure";

const samples: Sample[] = [];

samples.push(
  await measure("bootstrap, nothing to do", command("bash", ["scripts/bootstrap.sh", "up"]), { target: "< 2000 ms" }),
);
samples.push(
  await measure("image build, inputs unchanged", command("bash", ["runtime-image/build.sh"]), { target: "< 1000 ms" }),
);

const rows = samples.map((s) =>
  [s.name.padEnd(34), `${s.medianMs.toFixed(1)} ms`.padStart(11), `${s.minMs.toFixed(1)}–${s.maxMs.toFixed(1)} ms`.padStart(18), String(s.runs).padStart(5), (s.target ?? "").padStart(11)].join("  "),
);
console.log(["benchmark".padEnd(34), "median".padStart(11), "range".padStart(18), "runs".padStart(5), "target".padStart(11)].join("  "));
console.log(rows.join("\n"));

const dir = path.resolve("bench/results");
mkdirSync(dir, { recursive: true });
const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), samples }, null, 2));
console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);

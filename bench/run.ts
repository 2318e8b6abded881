// npm run bench: the speed targets the issues name, measured side by side in one run.
// Needs the set-up of `npm run up` (a Docker engine and built images); it starts the app itself
// on a free port with its own data directory and stops it at the end.
import { benchEngine } from "./engine-bench";
import { command, measure, type Sample } from "./measure";
import { benchNotebookPage } from "./notebook-page";
import { benchProxy } from "./proxy";
import { benchRRunner } from "./r-runner";
import { printReport, writeResults } from "./report";
import { benchWebapps } from "./webapps";

const samples: Sample[] = [];

samples.push(await measure("bootstrap, nothing to do", command("bash", ["scripts/bootstrap.sh", "up"]), { underMs: 2000 }));
samples.push(await measure("image build, inputs unchanged", command("bash", ["runtime-image/build.sh"]), { underMs: 1000 }));

const engine = await benchEngine();
samples.push(...engine.samples);
const proxy = await benchProxy();
samples.push(...proxy.samples);
engine.figures.push(...proxy.figures);
const webapps = await benchWebapps();
samples.push(...webapps.samples);
const rRunner = await benchRRunner();
samples.push(...rRunner.samples);
engine.figures.push(...rRunner.figures);
const notebookPage = await benchNotebookPage();
samples.push(...notebookPage.samples);
engine.notes.push(...notebookPage.notes);

console.log();
printReport(samples, engine.figures, engine.notes);
console.log(`\nwritten to ${writeResults({ samples, figures: engine.figures, notes: engine.notes })}`);

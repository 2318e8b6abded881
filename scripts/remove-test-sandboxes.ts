// npm test's last step: the suite's servers leave no sandbox behind on the machine.
// A Runnel that stops keeps its live sessions' containers on purpose (the next start re-attaches
// them), and an R pool's containers wait for the next start's reconcile. The suite's servers never
// start again on the same data (each run begins with a fresh DATA_DIR, and a clean clone sits at
// a new path, so a new instance label), so what they kept would stay on the engine for good:
// 18 containers after one run. This removes every sandbox and workspace volume labelled with the
// instance of each of the suite's data directories (.data/e2e, and .data/e2e-* of second servers).
import { existsSync, readdirSync } from "node:fs";
import { parseSettings } from "../lib/config/settings";
import { getContainerBackend } from "../lib/containers/container-backend";
import { instanceLabel } from "../lib/sessions/sandbox-spec";

const dataDirs = existsSync(".data")
  ? readdirSync(".data")
      .filter((name) => name === "e2e" || name.startsWith("e2e-"))
      .map((name) => `.data/${name}`)
  : [];

const backend = getContainerBackend();
let containers = 0;
let volumes = 0;
for (const dataDir of [...new Set([process.env.DATA_DIR ?? ".data/e2e", ...dataDirs])]) {
  const settings = parseSettings({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: undefined });
  const instance = { "runnel.instance": instanceLabel(settings) };
  for (const sandbox of await backend.listSandboxes(instance)) {
    await backend.removeSandbox(sandbox.id);
    containers++;
  }
  volumes += await backend.removeUnusedWorkspaces(instance, new Date());
}
console.log(`[test] removed ${containers} sandbox container(s) and ${volumes} workspace volume(s) the suite's servers kept`);

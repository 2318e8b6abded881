import { getSettings } from "../config/settings";
import { getContainerBackend } from "../containers/container-backend";
import { AppError } from "../http/app-error";
import { collectRRun } from "./collect-r-run";
import { rRunSpec, rSandboxSpec } from "./r-sandbox-spec";
import { ensureRunnerImage, runnerImageRef } from "./runner-image";

export type RSystem = { r_version: string; image: string; packages: Array<{ name: string; version: string }> };

// Tab-separated, so it needs no package (r-base has jsonlite, but any image ref may not).
const INVENTORY = [
  'cat("R", paste(R.version$major, R.version$minor, sep = "."), "\\n", sep = "\\t")',
  'ip <- installed.packages()[, c("Package", "Version"), drop = FALSE]',
  'ip <- ip[!duplicated(ip[, "Package"]), , drop = FALSE]',
  'cat(paste(ip[, "Package"], ip[, "Version"], sep = "\\t"), sep = "\\n")',
].join("\n");

const INVENTORY_TIMEOUT_MS = 60_000;

// Per image id: an image's packages cannot change without its id changing.
const inventories = new Map<string, Promise<RSystem>>();

export function parseInventory(image: string, stdout: string): RSystem {
  const [first = "", ...rest] = stdout.trim().split("\n");
  const [, version = ""] = first.split("\t");
  const packages = rest
    .map((line) => line.split("\t"))
    .filter((parts): parts is [string, string] => parts.length === 2 && parts[0] !== "")
    .map(([name, packageVersion]) => ({ name, version: packageVersion.trim() }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { r_version: version.trim(), image, packages };
}

async function inventory(image: string): Promise<RSystem> {
  const settings = getSettings();
  const unavailable = (why: string) => new AppError("unavailable", "The R image's packages could not be listed.", why);
  const sandbox = await getContainerBackend()
    .createSandbox(rSandboxSpec(settings, image))
    .catch((error: unknown) => Promise.reject(unavailable(String(error))));
  try {
    // installed.packages() reads every package's DESCRIPTION: slow on r-full, whatever the runs' limit.
    const spec = { ...rRunSpec(settings, INVENTORY), timeoutMs: INVENTORY_TIMEOUT_MS, artifactsDir: undefined };
    const run = await collectRRun(sandbox, spec, settings);
    if (run.exit?.exitCode !== 0) throw unavailable(run.runtimeErrors.join("; ") || run.stderr.trim() || `exit ${run.exit?.exitCode}`);
    return parseInventory(image, run.stdout);
  } finally {
    await sandbox.remove();
  }
}

/** The R version and installed packages of RUNNER_SCRIPT_IMAGE, asked once per image id. */
export async function getRSystem(): Promise<RSystem> {
  const image = runnerImageRef(getSettings().RUNNER_SCRIPT_IMAGE);
  const id = await ensureRunnerImage(image);
  let cached = inventories.get(id);
  if (!cached) {
    cached = inventory(image);
    inventories.set(id, cached);
    cached.catch(() => inventories.delete(id));
  }
  return cached;
}

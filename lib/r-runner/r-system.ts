import { getSettings } from "../config/settings";
import { getContainerBackend } from "../containers/container-backend";
import { AppError } from "../http/app-error";
import { rRunSpec } from "./r-run-spec";
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
  const spec = rRunSpec(settings, { image, script: INVENTORY, owner: "system", runId: "inventory" });
  // installed.packages() reads every package's DESCRIPTION: slow on r-full, whatever the runs' limit.
  const result = await getContainerBackend().runOnce({ ...spec, timeoutMs: INVENTORY_TIMEOUT_MS, collect: undefined });
  if (!result.started || result.exitCode !== 0) {
    const why = result.started ? result.stderr.trim() || `exit ${result.exitCode}` : result.error;
    throw new AppError("unavailable", "The R image's packages could not be listed.", why);
  }
  return parseInventory(image, result.stdout);
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

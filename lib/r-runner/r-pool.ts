import type { Settings } from "../config/settings";
import { WarmPool } from "../sessions/warm-pool";
import { rProgram, rSandboxSpec } from "./r-sandbox-spec";
import { runnerImageRef } from "./runner-image";

/**
 * Started, never-used R containers, so a script skips container creation and start, and R's
 * own start-up: each waits with Rscript in standby for its script. Each is taken by one run
 * and removed after it, exactly like a container made for the request.
 */
export function createRPool(settings: Settings): WarmPool | undefined {
  if (settings.R_POOL_SIZE === 0) return undefined;
  return new WarmPool(
    settings.R_POOL_SIZE,
    () => rSandboxSpec(settings, runnerImageRef(settings.RUNNER_SCRIPT_IMAGE)),
    (sandbox) => sandbox.standby(rProgram()),
  );
}

const key = Symbol.for("runnel.r-pool");
type WithPool = typeof globalThis & { [key]?: WarmPool };

export function setRPool(pool: WarmPool | undefined): void {
  (globalThis as WithPool)[key] = pool;
}

export function getRPool(): WarmPool | undefined {
  return (globalThis as WithPool)[key];
}

import { getDocker } from "./docker-client";

export type EngineStatus = { ok: true; version: string } | { ok: false; error: string };

const ENGINE_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The Docker engine's version, or why it cannot be reached. */
export async function engineStatus(): Promise<EngineStatus> {
  try {
    const version = await withTimeout(getDocker().version(), ENGINE_TIMEOUT_MS, "The Docker engine");
    return { ok: true, version: version.Version };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" || code === "ECONNREFUSED"
        ? "The Docker engine is not running (no answer on its socket)."
        : error instanceof Error
          ? error.message
          : "The Docker engine could not be reached.";
    return { ok: false, error: reason };
  }
}

/** Whether an image with this tag exists locally. False also when the engine is down. */
export async function imageExists(tag: string): Promise<boolean> {
  try {
    await withTimeout(getDocker().getImage(tag).inspect(), ENGINE_TIMEOUT_MS, "The Docker engine");
    return true;
  } catch {
    return false;
  }
}

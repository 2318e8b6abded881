import { existsSync } from "node:fs";
import path from "node:path";
import { getContainerBackend } from "../containers/container-backend";
import { IMAGES_DIR, imageTag } from "../containers/image-tag";
import { AppError } from "../http/app-error";
import { getLogger } from "../observability/logger";

// A registry is asked at most this often per image: a pull per run would cost every run a
// round trip, and the seed's point (a fresh image on deploy) is met within minutes.
const PULL_EVERY_MS = 5 * 60_000;
const pulled = new Map<string, number>();

function isBuiltHere(setting: string): boolean {
  return /^[a-z0-9-]+$/.test(setting) && existsSync(path.join(IMAGES_DIR, setting, "Dockerfile"));
}

/** RUNNER_SCRIPT_IMAGE as an image reference: `r-base`/`r-full` are this checkout's builds. */
export function runnerImageRef(setting: string): string {
  return isBuiltHere(setting) ? imageTag(setting) : setting;
}

/** A reference that names a repository (`org/name`, `ghcr.io/org/name`), so a pull can fetch it. */
export function isRegistryRef(ref: string): boolean {
  return ref.split("@")[0]!.includes("/");
}

/**
 * Makes sure the image is there before a run and returns its id: pulled when the reference
 * names a registry (a failed pull is fine when a copy is cached), otherwise the local image.
 */
export async function ensureRunnerImage(ref: string, now = Date.now()): Promise<string> {
  const backend = getContainerBackend();
  let pullError: string | undefined;
  if (isRegistryRef(ref) && now - (pulled.get(ref) ?? -Infinity) >= PULL_EVERY_MS) {
    pulled.set(ref, now); // a registry that is down is not asked again on every run either
    try {
      await backend.pullImage(ref);
    } catch (error) {
      pullError = error instanceof Error ? error.message : String(error);
      getLogger().warn({ image: ref, err: pullError }, "pulling the R image failed; using a cached copy if there is one");
    }
  }
  const id = await backend.imageId(ref).catch((error: unknown) => {
    throw new AppError("unavailable", "The Docker engine did not answer; R scripts cannot run now.", String(error));
  });
  if (id) return id;
  const built = /^runnel-([a-z0-9-]+):/.exec(ref)?.[1];
  const how = pullError
    ? "pulling it failed and no copy is cached"
    : built && isBuiltHere(built)
      ? `\`runtime-image/build.sh ${built}\` builds it`
      : "there is no such local image";
  throw new AppError("unavailable", `The R image ${ref} is not available: ${how}.`, pullError);
}

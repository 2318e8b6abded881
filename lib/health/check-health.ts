import { getSettings } from "../config/settings";
import { getContainerBackend } from "../containers/container-backend";
import { imageTag, runtimeImage } from "../containers/image-tag";
import { checkDatabase } from "../db/check-database";
import { runnerImageRef } from "../r-runner/runner-image";

export type Health = {
  status: "ok" | "unavailable";
  docker: { ok: boolean; version?: string; error?: string };
  db: { ok: boolean; kind: "pglite" | "postgres"; migrations?: { applied: number; pending: string[] }; error?: string };
  images: Record<string, { ok: boolean; tag: string; error?: string }>;
};

/** What /api/health reports: every dependency Runnel needs to run a notebook. */
export async function checkHealth(): Promise<Health> {
  const settings = getSettings();
  const runtimeTag = runtimeImage(settings.RUNTIME_IMAGE);
  const rTag = runnerImageRef(settings.RUNNER_SCRIPT_IMAGE);
  const webappTag = imageTag("webapp-python");
  const backend = getContainerBackend();
  const [docker, dbCheck, runtimePresent, rPresent, webappPresent] = await Promise.all([
    backend.engineStatus(),
    checkDatabase(),
    backend.imagePresent(runtimeTag),
    backend.imagePresent(rTag),
    backend.imagePresent(webappTag),
  ]);

  const runtime = runtimePresent
    ? { ok: true, tag: runtimeTag }
    : {
        ok: false,
        tag: runtimeTag,
        error: docker.ok
          ? "The runtime image is missing; `npm run up` builds it."
          : "Unknown while the Docker engine is down.",
      };
  // The R runner's image (RUNNER_SCRIPT_IMAGE); a registry image counts once it is cached.
  const r = rPresent
    ? { ok: true, tag: rTag }
    : { ok: false, tag: rTag, error: docker.ok ? "The R image is missing; `runtime-image/build.sh` builds it." : "Unknown while the Docker engine is down." };
  // The base every web app template builds FROM.
  const webapp = webappPresent
    ? { ok: true, tag: webappTag }
    : { ok: false, tag: webappTag, error: docker.ok ? "The web app base image is missing; `runtime-image/build.sh` builds it." : "Unknown while the Docker engine is down." };
  const db = { kind: settings.DATABASE_URL ? ("postgres" as const) : ("pglite" as const), ...dbCheck };

  return {
    status: docker.ok && db.ok && runtime.ok && r.ok && webapp.ok ? "ok" : "unavailable",
    docker: docker.ok ? { ok: true, version: docker.version } : { ok: false, error: docker.error },
    db,
    images: { runtime, r, webapp },
  };
}

import { createHash } from "node:crypto";
import type { Settings } from "../config/settings";
import type { SandboxSpec } from "../containers/backend";
import { runtimeImage } from "../containers/image-tag";
import { databaseTarget } from "../db/driver-adapter";

export const SESSION_KIND = "session";

/**
 * Which Runnel a container belongs to: several can share one Docker engine (`npm test` beside
 * `npm run up`), and reconcile must only touch its own. Derived from the database it uses.
 */
export function instanceLabel(settings: Settings): string {
  const target = databaseTarget(settings);
  const identity = target.kind === "pglite" ? `pglite:${target.dir}` : `postgres:${target.url}`;
  return createHash("sha256").update(identity).digest("hex").slice(0, 12);
}

/** A container waiting in the warm pool: the session's limits, no owner yet. */
export function pooledSandboxSpec(settings: Settings): SandboxSpec {
  return {
    image: runtimeImage(settings.RUNTIME_IMAGE),
    labels: { "runnel.kind": "pool", "runnel.instance": instanceLabel(settings) },
    limits: sessionLimits(settings),
  };
}

function sessionLimits(settings: Settings): SandboxSpec["limits"] {
  return {
    cpus: settings.SESSION_CPUS,
    memoryBytes: settings.SESSION_MEMORY,
    pids: settings.SESSION_PIDS,
    diskBytes: settings.SESSION_DISK,
  };
}

/** The container of one user's session on one notebook, labelled so reconcile can find it. */
export function sessionSandboxSpec(settings: Settings, ids: { sessionId: string; userId: string; notebookId: string }): SandboxSpec {
  return {
    image: runtimeImage(settings.RUNTIME_IMAGE),
    labels: {
      "runnel.kind": SESSION_KIND,
      "runnel.instance": instanceLabel(settings),
      "runnel.session": ids.sessionId,
      "runnel.owner": ids.userId,
      "runnel.notebook": ids.notebookId,
    },
    limits: sessionLimits(settings),
  };
}

import type { Settings } from "../config/settings";
import type { SandboxSpec } from "../containers/backend";
import { runtimeImage } from "../containers/image-tag";

export const SESSION_KIND = "session";

/** The container of one user's session on one notebook, labelled so reconcile can find it. */
export function sessionSandboxSpec(settings: Settings, ids: { sessionId: string; userId: string; notebookId: string }): SandboxSpec {
  return {
    image: runtimeImage(settings.RUNTIME_IMAGE),
    labels: {
      "runnel.kind": SESSION_KIND,
      "runnel.session": ids.sessionId,
      "runnel.owner": ids.userId,
      "runnel.notebook": ids.notebookId,
    },
    limits: {
      cpus: settings.SESSION_CPUS,
      memoryBytes: settings.SESSION_MEMORY,
      pids: settings.SESSION_PIDS,
      diskBytes: settings.SESSION_DISK,
    },
  };
}

import type { Settings } from "../config/settings";
import type { SandboxSpec } from "../containers/backend";
import { runtimeImage } from "../containers/image-tag";
import { instanceLabel } from "../sessions/sandbox-spec";

export const SCRATCH_KIND = "scratch";

/** The container of one run of an unsaved notebook: a session's limits, removed when the run ends. */
export function scratchSandboxSpec(settings: Settings, userId: string): SandboxSpec {
  return {
    image: runtimeImage(settings.RUNTIME_IMAGE),
    labels: { "runnel.kind": SCRATCH_KIND, "runnel.instance": instanceLabel(settings), "runnel.owner": userId },
    limits: {
      cpus: settings.SESSION_CPUS,
      memoryBytes: settings.SESSION_MEMORY,
      pids: settings.SESSION_PIDS,
      diskBytes: settings.SESSION_DISK,
    },
  };
}

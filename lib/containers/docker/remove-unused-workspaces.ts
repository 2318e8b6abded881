import type Docker from "dockerode";
import type { Labels } from "../backend";
import { WORKSPACE_VOLUME_PREFIX } from "./sandbox-config";

// Docker 20.10 reports a volume's creation time; dockerode's types leave it out.
type VolumeWithCreatedAt = Docker.VolumeInspectInfo & { CreatedAt?: string };

const statusOf = (error: unknown) => (error as { statusCode?: number }).statusCode;

/**
 * Removes the workspace volumes carrying `labels` that no container uses (Docker's `dangling`)
 * and that were created before `createdBefore`: a crash between creating a sandbox's volume
 * and its container leaves one that nothing else would ever remove. The age spares a volume
 * whose container is being created right now. Returns how many were removed.
 */
export async function removeUnusedWorkspaces(docker: Docker, labels: Labels, createdBefore: Date): Promise<number> {
  const label = Object.entries(labels).map(([key, value]) => `${key}=${value}`);
  const { Volumes } = await docker.listVolumes({ filters: { label, dangling: ["true"] } });
  let removed = 0;
  for (const volume of (Volumes ?? []) as VolumeWithCreatedAt[]) {
    const createdAt = Date.parse(volume.CreatedAt ?? "");
    if (!volume.Name.startsWith(WORKSPACE_VOLUME_PREFIX) || !(createdAt < createdBefore.getTime())) continue;
    try {
      await docker.getVolume(volume.Name).remove();
      removed++;
    } catch (error) {
      // Gone already, or taken by a container since the list (409: in use): not ours to remove.
      if (statusOf(error) !== 404 && statusOf(error) !== 409) throw error;
    }
  }
  return removed;
}

import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";

const ROOT = "/sys/fs/cgroup";

/**
 * A parent cgroup that caps the processes of one build. The classic builder (Docker 20.10
 * without BuildKit) has no pids option for its RUN containers, but it takes a cgroup parent:
 * every RUN container is created under it, so the parent's pids.max holds for all of them.
 * This needs Docker's cgroupfs driver and a host cgroup tree Runnel may write (it runs as root
 * on the host); elsewhere `createBuildCgroup` answers why not, and the build runs without it.
 */
export type BuildCgroup = {
  /** The `cgroupparent` to give the engine. */
  parent: string;
  /** Whether the build's processes reached the limit (a fork was then refused). */
  limitReached(): Promise<boolean>;
  remove(): Promise<void>;
};

export async function createBuildCgroup(name: string, pidsMax: number, cgroupDriver: string | undefined): Promise<BuildCgroup | string> {
  if (cgroupDriver !== "cgroupfs") return `the engine's cgroup driver is ${cgroupDriver ?? "unknown"}, not cgroupfs`;
  const unified = existsSync(path.join(ROOT, "cgroup.controllers"));
  const dir = unified ? path.join(ROOT, name) : path.join(ROOT, "pids", name);
  try {
    await mkdir(dir);
    await writeFile(path.join(dir, "pids.max"), String(pidsMax));
  } catch (error) {
    await rmdir(dir).catch(() => undefined);
    return `the host's cgroup tree cannot be written here (${(error as NodeJS.ErrnoException).code ?? "error"})`;
  }
  return {
    parent: `/${name}`,
    async limitReached() {
      // The refusals are counted in the RUN container's own cgroup, gone by now; the parent's
      // high-water mark remains.
      const peak = Number(await readFile(path.join(dir, "pids.peak"), "utf8").catch(() => "0"));
      return peak >= pidsMax;
    },
    async remove() {
      // runc makes the parent in every controller's tree (v1) and leaves it behind. The engine
      // may still be removing the last RUN container (its cgroup inside ours: EBUSY), so retry;
      // on a busy host that has taken more than 5 s, so allow a minute.
      const dirs = unified ? [dir] : (await readdir(ROOT).catch(() => [])).map((controller) => path.join(ROOT, controller, name));
      for (let attempt = 0; attempt < 240; attempt++) {
        const left = await Promise.all(dirs.map((leftover) => rmdir(leftover).then(() => false, (error: NodeJS.ErrnoException) => error.code === "EBUSY")));
        if (!left.includes(true)) return;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
  };
}

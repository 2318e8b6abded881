import { randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import type Docker from "dockerode";
import type { ImageBuildSpec } from "../app-backend";
import { buildContextArchive } from "./build-context-archive";
import { createBuildCgroup, type BuildCgroup } from "./build-cgroup";
import { followBuildEvents } from "./follow-build-events";
import { foreignLabels, foreignLabelSentence } from "./foreign-labels";

// The classic builder reports each finished step's image as " ---> <12 hex>".
const STEP_IMAGE = /^ ---> ([0-9a-f]{12})$/gm;
const MAX_LINE = 4096;
const CPU_PERIOD = 100_000;

let cgroupDriver: Promise<string | undefined> | undefined;

const mib = (bytes: number) => `${Math.round(bytes / 1024 ** 2)} MiB`;

/** The engine's sentence for a failed step, with what the exit code means when it is a limit. */
function explain(failure: string, spec: ImageBuildSpec, pidsLimitReached: boolean): string {
  if (pidsLimitReached) return `The build reached its limit of ${spec.limits.pids} processes (a fork bomb?): ${failure}`;
  if (/returned a non-zero code: 137\b/.test(failure)) return `A build step was killed, most likely for using more than the build's ${mib(spec.limits.memoryBytes)} of memory: ${failure}`;
  return failure;
}

/**
 * Builds an app image with the classic builder, confined: RUN steps get no network unless the
 * spec allows it, memory without swap, a CPU quota, a process limit for the whole build (a cgroup
 * parent, see build-cgroup.ts) and a time limit. The output is read one line at a time and
 * nothing of it is kept here. An image that carries reserved labels Runnel did not set is removed.
 */
export async function dockerBuildImage(docker: Docker, spec: ImageBuildSpec): Promise<void> {
  cgroupDriver ??= docker.info().then((info: { CgroupDriver?: string }) => info.CgroupDriver, () => undefined);
  const cgroup = await createBuildCgroup(`runnel-build-${randomBytes(6).toString("hex")}`, spec.limits.pids, await cgroupDriver);
  if (typeof cgroup === "string") spec.onOutput(`[runnel] warning: this build has no process limit: ${cgroup}`);
  const confined: BuildCgroup | null = typeof cgroup === "string" ? null : cgroup;
  try {
    await buildConfined(docker, spec, confined);
  } finally {
    await confined?.remove();
  }
}

async function buildConfined(docker: Docker, spec: ImageBuildSpec, cgroup: BuildCgroup | null): Promise<void> {
  const stream = (await docker.buildImage(buildContextArchive(spec.contextDir, spec.extraFiles), {
    t: spec.tag,
    dockerfile: spec.dockerfile,
    buildargs: spec.buildArgs,
    labels: spec.labels,
    rm: true,
    forcerm: true,
    networkmode: spec.network ? "default" : "none",
    memory: spec.limits.memoryBytes,
    memswap: spec.limits.memoryBytes,
    cpuperiod: CPU_PERIOD,
    cpuquota: Math.round(spec.limits.cpus * CPU_PERIOD),
    ...(cgroup ? { cgroupparent: cgroup.parent } : {}),
  })) as Readable;
  let failure: string | undefined;
  const layers: string[] = [];
  const abandon = (reason: string) => {
    failure ??= reason;
    stream.destroy();
  };
  const timer = setTimeout(() => abandon(`The build took longer than its limit of ${Math.round(spec.timeoutMs / 1000)} s.`), spec.timeoutMs);
  const onAbort = () => abandon("The deploy was cancelled.");
  spec.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    await followBuildEvents(stream, (event) => {
      const text = event.stream ?? event.status;
      if (text) for (const line of text.split("\n")) if (line.trim()) spec.onOutput(line.slice(0, MAX_LINE));
      for (const match of (event.stream ?? "").matchAll(STEP_IMAGE)) layers.push(match[1]!);
      if (event.error) failure ??= (event.errorDetail?.message ?? event.error).slice(0, MAX_LINE);
    }).catch((error: unknown) => {
      failure ??= error instanceof Error ? error.message : String(error);
    });
  } finally {
    clearTimeout(timer);
    spec.signal?.removeEventListener("abort", onAbort);
  }
  if (failure) {
    const reason = explain(failure, spec, (await cgroup?.limitReached()) ?? false);
    spec.onOutput(reason);
    await removeUntagged(docker, layers);
    throw new Error(reason);
  }
  await refuseForeignLabels(docker, spec);
}

async function refuseForeignLabels(docker: Docker, spec: ImageBuildSpec): Promise<void> {
  const image = await docker.getImage(spec.tag).inspect();
  const trusted = spec.trustedBase ? ((await docker.getImage(spec.trustedBase).inspect()).Config?.Labels ?? {}) : {};
  const foreign = foreignLabels(image.Config?.Labels, spec.labels, trusted);
  if (foreign.length === 0) return;
  const sentence = foreignLabelSentence(foreign);
  spec.onOutput(sentence);
  await docker.getImage(spec.tag).remove({ force: true }).catch(() => undefined);
  throw new Error(sentence);
}

/** A failed build leaves its finished steps behind as untagged images; tagged ones (the base) stay. */
async function removeUntagged(docker: Docker, layers: string[]): Promise<void> {
  for (const id of layers.reverse()) {
    const image = docker.getImage(id);
    const info = await image.inspect().catch(() => null);
    if (!info || (info.RepoTags ?? []).length > 0) continue;
    await image.remove().catch(() => undefined);
  }
}

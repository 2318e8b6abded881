import { randomUUID } from "node:crypto";
import Docker from "dockerode";
import type { ContainerBackend, EngineStatus, Labels, Sandbox, SandboxInfo, SandboxSpec } from "../backend";
import { DockerSandbox, removeContainerAndVolume } from "./docker-sandbox";
import { pullImage } from "./pull-image";
import { removeUnusedWorkspaces } from "./remove-unused-workspaces";
import { sandboxContainerOptions, VOLUME_LABEL, WORKSPACE_VOLUME_PREFIX, workspaceVolumeOptions } from "./sandbox-config";

// A health check or a fault diagnosis must not hang on an engine that accepts and never answers.
const ENGINE_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The Docker engine did not answer within ${ms} ms.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function engineDownReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "ECONNREFUSED") return "The Docker engine is not running (no answer on its socket).";
  return error instanceof Error ? error.message : "The Docker engine could not be reached.";
}

const labelFilters = (labels: Labels) => Object.entries(labels).map(([key, value]) => `${key}=${value}`);

export class DockerBackend implements ContainerBackend {
  constructor(private readonly docker: Docker) {}

  async engineStatus(): Promise<EngineStatus> {
    try {
      const version = await withTimeout(this.docker.version(), ENGINE_TIMEOUT_MS);
      return { ok: true, version: version.Version };
    } catch (error) {
      return { ok: false, error: engineDownReason(error) };
    }
  }

  async imagePresent(ref: string): Promise<boolean> {
    return withTimeout(this.imageId(ref), ENGINE_TIMEOUT_MS).then(
      (id) => id !== null,
      () => false,
    );
  }

  async createSandbox(spec: SandboxSpec): Promise<Sandbox> {
    const volumeName = `${WORKSPACE_VOLUME_PREFIX}${randomUUID()}`;
    await this.docker.createVolume(workspaceVolumeOptions(volumeName, spec));
    let container: Docker.Container | undefined;
    try {
      container = await this.docker.createContainer(sandboxContainerOptions(volumeName, spec));
      const sandbox = await DockerSandbox.attach(this.docker, container, { ...spec.labels, [VOLUME_LABEL]: volumeName });
      await container.start();
      await sandbox.waitUntilReady();
      return sandbox;
    } catch (error) {
      // Nothing is left behind by a sandbox that never became ready.
      await removeContainerAndVolume(this.docker, container?.id ?? "", volumeName).catch(() => undefined);
      throw error;
    }
  }

  async attachSandbox(id: string): Promise<Sandbox> {
    const container = this.docker.getContainer(id);
    const info = await container.inspect();
    if (!info.State.Running) throw new Error(`Sandbox ${id.slice(0, 12)} is not running.`);
    const sandbox = await DockerSandbox.attach(this.docker, container, info.Config.Labels ?? {});
    try {
      await sandbox.ping();
    } catch (error) {
      await sandbox.remove().catch(() => undefined);
      throw error;
    }
    return sandbox;
  }

  async listSandboxes(labels: Labels): Promise<SandboxInfo[]> {
    const containers = await this.docker.listContainers({ all: true, filters: { label: labelFilters(labels) } });
    return containers.map((c) => ({ id: c.Id, labels: c.Labels, running: c.State === "running" }));
  }

  async removeSandbox(id: string): Promise<void> {
    let volume: string | undefined;
    try {
      volume = (await this.docker.getContainer(id).inspect()).Config.Labels?.[VOLUME_LABEL];
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    }
    await removeContainerAndVolume(this.docker, id, volume);
  }

  removeUnusedWorkspaces(labels: Labels, createdBefore: Date): Promise<number> {
    return removeUnusedWorkspaces(this.docker, labels, createdBefore);
  }

  async imageId(ref: string): Promise<string | null> {
    try {
      return (await this.docker.getImage(ref).inspect()).Id;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return null;
      throw error;
    }
  }

  pullImage(ref: string): Promise<void> {
    return pullImage(this.docker, ref);
  }
}

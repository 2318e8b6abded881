import type { Duplex } from "node:stream";
import type Docker from "dockerode";
import { AgentConnection, type CompleteSpec, type ExecuteSpec, type RunSpec, type StandbySpec } from "../agent-connection";
import type { Completions, KernelInfo, KernelRuntime } from "../agent-protocol";
import type { Labels, Sandbox, SandboxStats, SeedFile } from "../backend";
import { demuxAttachStream } from "./demux-attach-stream";
import { splitLogFrames } from "./docker-log-frames";
import { VOLUME_LABEL, WORKSPACE } from "./sandbox-config";
import { safeWorkspacePath, workspaceArchive } from "./workspace-archive";
import { getLogger } from "../../observability/logger";

const REMOVE_FILES_TIMEOUT_MS = 10_000;

/** One attached sandbox container: its agent stream, its files, its removal. */
export class DockerSandbox implements Sandbox {
  private removed: Promise<void> | undefined;
  readonly gone: Promise<Error>;

  private constructor(
    private readonly docker: Docker,
    private readonly container: Docker.Container,
    readonly labels: Labels,
    private readonly connection: AgentConnection,
  ) {
    this.gone = connection.closed;
  }

  get id(): string {
    return this.container.id;
  }

  /** Attaches to the container's stdin/stdout (before start, so the agent's ready line is not missed). */
  static async attach(docker: Docker, container: Docker.Container, labels: Labels): Promise<DockerSandbox> {
    const stream = (await container.attach({
      stream: true,
      stdin: true,
      stdout: true,
      stderr: true,
      hijack: true,
    })) as Duplex;
    const stdout = stream.pipe(demuxAttachStream());
    stream.on("close", () => {
      if (!stdout.writableEnded) stdout.end();
    });
    stream.on("error", (error) => stdout.destroy(error));
    stdout.on("error", () => stream.destroy());
    const connection = new AgentConnection(stream, stdout, (message) =>
      getLogger().warn({ containerId: container.id.slice(0, 12) }, `agent: ${message}`),
    );
    return new DockerSandbox(docker, container, labels, connection);
  }

  waitUntilReady(timeoutMs?: number): Promise<void> {
    return this.connection.waitUntilReady(timeoutMs);
  }

  ping(): Promise<void> {
    return this.connection.ping();
  }

  async seedFiles(files: SeedFile[]): Promise<void> {
    if (files.length === 0) return;
    await this.container.putArchive(workspaceArchive(files), { path: WORKSPACE });
  }

  async removeFiles(paths: string[]): Promise<void> {
    if (paths.length === 0) return;
    const relative = paths.map(safeWorkspacePath);
    const { events } = this.connection.run({
      argv: ["rm", "-rf", "--", ...relative],
      cwd: WORKSPACE,
      timeoutMs: REMOVE_FILES_TIMEOUT_MS,
      outputCapBytes: 4096,
    });
    for await (const event of events) {
      if (event.type === "exit" && event.exitCode !== 0) throw new Error(`Removing files failed (exit ${event.exitCode}).`);
    }
  }

  run(spec: RunSpec, runId?: string) {
    return this.connection.run(spec, runId);
  }

  execute(spec: ExecuteSpec, runId?: string) {
    return this.connection.execute(spec, runId);
  }

  cancel(runId: string): void {
    if (this.connection.alive) this.connection.cancel(runId);
  }

  sendInput(runId: string, value: string): void {
    if (this.connection.alive) this.connection.sendInput(runId, value);
  }

  kernels(): Promise<KernelInfo[]> {
    return this.connection.kernels();
  }

  restartKernels(runtime?: KernelRuntime): Promise<KernelInfo[]> {
    return this.connection.restartKernels(runtime);
  }

  warmKernels(runtimes: KernelRuntime[]): void {
    if (this.connection.alive) this.connection.warmKernels(runtimes);
  }

  standby(spec: StandbySpec): void {
    if (this.connection.alive) this.connection.standby(spec);
  }

  complete(spec: CompleteSpec): Promise<Completions> {
    return this.connection.complete(spec);
  }

  async stats(): Promise<SandboxStats> {
    const stats = await this.container.stats({ stream: false });
    const cpuDelta = stats.cpu_stats.cpu_usage.total_usage - stats.precpu_stats.cpu_usage.total_usage;
    const systemDelta = (stats.cpu_stats.system_cpu_usage ?? 0) - (stats.precpu_stats.system_cpu_usage ?? 0);
    const cpus = stats.cpu_stats.online_cpus ?? 1;
    return {
      memoryBytes: stats.memory_stats.usage ?? 0,
      cpuPercent: systemDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0,
      pids: stats.pids_stats?.current ?? 0,
    };
  }

  async logs(tail: number): Promise<string> {
    const body = (await this.container.logs({ stdout: false, stderr: true, tail, follow: false })) as Buffer;
    return splitLogFrames(body).stderr;
  }

  remove(): Promise<void> {
    this.removed ??= (async () => {
      this.connection.close("The sandbox was removed.");
      await removeContainerAndVolume(this.docker, this.container.id, this.labels[VOLUME_LABEL]);
    })();
    return this.removed;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.remove();
  }
}

function isNotFound(error: unknown): boolean {
  return (error as { statusCode?: number }).statusCode === 404;
}

/** Removes a sandbox container and its workspace volume; what is already gone is fine. */
export async function removeContainerAndVolume(docker: Docker, containerId: string, volumeName?: string): Promise<void> {
  try {
    await docker.getContainer(containerId).remove({ force: true, v: true });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  if (!volumeName) return;
  try {
    await docker.getVolume(volumeName).remove();
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

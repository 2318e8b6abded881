import type { CompleteSpec, ExecuteSpec, RunEvent, RunSpec, StandbySpec } from "./agent-connection";
import type { Completions, KernelInfo, KernelRuntime } from "./agent-protocol";

// The container service as the rest of the app sees it. Docker implements it today
// (docker/docker-backend.ts); a Kubernetes backend is the scale-out path. Code outside
// lib/containers takes the service's types and errors from here, never from the agent's modules.
export type { CompleteSpec, RunEvent, RunSpec, StandbySpec } from "./agent-connection";
export { LINE_TOO_LONG, SandboxGoneError } from "./agent-connection";
export type { Completions, ExitEvent, KernelInfo } from "./agent-protocol";

export type Labels = Record<string, string>;

export type SandboxLimits = {
  cpus: number;
  memoryBytes: number;
  pids: number;
  /** Size of the workspace (a tmpfs-backed volume): filling it is ENOSPC inside, not a full host disk. */
  diskBytes: number;
};

export type SandboxSpec = {
  image: string;
  labels: Labels;
  limits: SandboxLimits;
};

export type SeedFile = { path: string; content: string | Buffer };

export type SandboxInfo = { id: string; labels: Labels; running: boolean };

export type SandboxStats = { memoryBytes: number; cpuPercent: number; pids: number };

/** A started sandbox whose agent answers. */
export interface Sandbox extends AsyncDisposable {
  readonly id: string;
  readonly labels: Labels;
  /** Resolves (never rejects) with the reason once the agent or its container is gone. */
  readonly gone: Promise<Error>;
  /** Writes files under /workspace, owned by the sandbox user, creating folders as needed. */
  seedFiles(files: SeedFile[]): Promise<void>;
  /** Removes files or folders under /workspace (paths relative to it); missing ones are ignored. */
  removeFiles(paths: string[]): Promise<void>;
  run(spec: RunSpec, runId?: string): { id: string; events: AsyncIterable<RunEvent> };
  /** Runs code in the session's kernel of its language (started on first use). */
  execute(spec: ExecuteSpec, runId?: string): { id: string; events: AsyncIterable<RunEvent> };
  /** Cancels a run; a kernel run is interrupted, and its kernel killed after a grace period. */
  cancel(runId: string): void;
  /** Answers a kernel run's `input-request`. */
  sendInput(runId: string, value: string): void;
  kernels(): Promise<KernelInfo[]>;
  /** Kills one kernel (or all) and starts it again; resolves as the restart begins. */
  restartKernels(runtime?: KernelRuntime): Promise<KernelInfo[]>;
  /** Starts kernels in the background (unless running), so the first run finds one warm. */
  warmKernels(runtimes: KernelRuntime[]): void;
  /**
   * Starts a program now, waiting for its source, that the next run with the same argv, cwd,
   * env and artifactsDir (and a `source`) takes: an interpreter's start-up is paid before the
   * request. Nothing to wait for; a run finding none starts its own.
   */
  standby(spec: StandbySpec): void;
  /**
   * Completion from the language's running kernel (Jupyter's complete_request). Never starts a
   * kernel and never waits on a busy one; never rejects (an empty answer says why).
   */
  complete(spec: CompleteSpec): Promise<Completions>;
  stats(): Promise<SandboxStats>;
  logs(tail: number): Promise<string>;
  /** Stops and removes the container and its workspace. Idempotent. */
  remove(): Promise<void>;
}

/** Whether the engine answers (within a few seconds), in words a person can act on when not. */
export type EngineStatus = { ok: true; version: string } | { ok: false; error: string };

export interface ContainerBackend {
  engineStatus(): Promise<EngineStatus>;
  /** Whether the engine has this image; false also when it does not answer in time. */
  imagePresent(ref: string): Promise<boolean>;
  createSandbox(spec: SandboxSpec): Promise<Sandbox>;
  /** Re-attaches to a running sandbox (after a server restart) without re-creating it. */
  attachSandbox(id: string): Promise<Sandbox>;
  listSandboxes(labels: Labels): Promise<SandboxInfo[]>;
  removeSandbox(id: string): Promise<void>;
  /**
   * Removes workspaces (volumes) carrying `labels` that no sandbox uses and that were made
   * before `createdBefore` (what a crash mid-create leaves); returns how many.
   */
  removeUnusedWorkspaces(labels: Labels, createdBefore: Date): Promise<number>;
  /** The local image's id, or null when the engine has no image by that reference. */
  imageId(ref: string): Promise<string | null>;
  /** Pulls an image from its registry; rejects when the pull fails. */
  pullImage(ref: string): Promise<void>;
}

import type { RunEvent, RunSpec } from "./agent-connection";

// The container service as the rest of the app sees it. Docker implements it today
// (docker/docker-backend.ts); a Kubernetes backend is the scale-out path.

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
  cancel(runId: string): void;
  stats(): Promise<SandboxStats>;
  logs(tail: number): Promise<string>;
  /** Stops and removes the container and its workspace. Idempotent. */
  remove(): Promise<void>;
}

/** A command run once in a fresh container that is removed afterwards (the R runner's unit). */
export type OneShotSpec = SandboxSpec & {
  /** Written under /workspace before the command starts. */
  files: SeedFile[];
  argv: string[];
  env?: Record<string, string>;
  timeoutMs: number;
  /** Per stream; the rest is discarded and `truncated` set. */
  outputCapBytes: number;
  /** The files the command leaves in this folder (relative to /workspace) come back, within the caps. */
  collect?: { dir: string; maxCount: number; maxBytes: number };
};

export type CollectedFile = { name: string; content: Buffer };
export type SkippedFile = { name: string; reason: "count" | "size" | "not-a-file" };

export type OneShotResult =
  /** The container or the command could not be started; `error` says why (no script output exists). */
  | { started: false; error: string }
  | {
      started: true;
      /** null when the command was killed for its timeout. */
      exitCode: number | null;
      stdout: string;
      stderr: string;
      truncated: boolean;
      timedOut: boolean;
      durationMs: number;
      files: CollectedFile[];
      skipped: SkippedFile[];
    };

export interface ContainerBackend {
  ping(): Promise<{ version: string }>;
  createSandbox(spec: SandboxSpec): Promise<Sandbox>;
  /** Re-attaches to a running sandbox (after a server restart) without re-creating it. */
  attachSandbox(id: string): Promise<Sandbox>;
  listSandboxes(labels: Labels): Promise<SandboxInfo[]>;
  removeSandbox(id: string): Promise<void>;
  /** Runs one command in a fresh hardened container, removed afterwards whatever happens. */
  runOnce(spec: OneShotSpec): Promise<OneShotResult>;
  /** The local image's id, or null when the engine has no image by that reference. */
  imageId(ref: string): Promise<string | null>;
  /** Pulls an image from its registry; rejects when the pull fails. */
  pullImage(ref: string): Promise<void>;
}

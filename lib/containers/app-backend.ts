import type { Readable } from "node:stream";
import type { Labels } from "./backend";

// The part of the container service that web apps use: build an image from a folder, run it with
// its port published on 127.0.0.1, and find it again by label. Docker implements it today
// (docker/docker-app-backend.ts).

export type ImageBuildSpec = {
  /** The folder whose regular files form the build context (links and devices are left out). */
  contextDir: string;
  /** Files added to the context (a template's Dockerfile), path → content. */
  extraFiles: Record<string, string | Buffer>;
  /** The Dockerfile's path inside the context. */
  dockerfile: string;
  tag: string;
  labels: Labels;
  /**
   * Runnel's runtime image the build starts FROM: its labels are Runnel's. Any other `traefik.*`
   * or `runnel.*` label on the result fails the build (an image's labels reach its containers).
   */
  trustedBase?: string;
  buildArgs: Record<string, string>;
  /** Whether RUN steps may reach the network (off: `none`). */
  network: boolean;
  /** Limits of every RUN step: memory without swap, CPUs, and processes of the whole build. */
  limits: { memoryBytes: number; cpus: number; pids: number };
  /** Past this the build is abandoned (closing the connection cancels it in the engine). */
  timeoutMs: number;
  /** Aborting abandons the build the same way. */
  signal?: AbortSignal;
  /** Each line of build output as the engine sends it (a line is cut at 4 KiB). */
  onOutput: (line: string) => void;
};

export type AppContainerSpec = {
  image: string;
  name: string;
  labels: Labels;
  /** The port the app listens on inside the container; published on 127.0.0.1:<random>. */
  port: number;
  env: Record<string, string>;
  limits: { cpus: number; memoryBytes: number; pids: number };
  /** A read-only root filesystem with a writable, size-capped /tmp (types known to live with it). */
  readOnlyRoot: boolean;
  /** Run as this user instead of the image's (e.g. "1000:1000" so a `docker` app is never root). */
  user?: string;
  /**
   * A network to join when it exists (the one Traefik reaches apps on; it must have
   * inter-container traffic off); otherwise a bridge of Runnel's own on which containers cannot
   * reach each other, nor open connections to the host.
   */
  network?: string;
};

export type AppContainerInfo = {
  id: string;
  labels: Labels;
  running: boolean;
  /** The published port on 127.0.0.1, when the container is running. */
  hostPort: number | null;
  /** Why a stopped container stopped, in words (exit code, OOM). */
  exit?: string;
};

export interface AppBackend {
  /**
   * Builds and tags an image; rejects with the engine's error sentence when the build fails, and
   * when the image carries a reserved label Runnel did not set (the image is removed).
   */
  buildImage(spec: ImageBuildSpec): Promise<void>;
  imageExists(tag: string): Promise<boolean>;
  /** Removes images by tag; missing ones are ignored. */
  removeImages(tags: string[]): Promise<void>;
  listImages(labels: Labels): Promise<string[]>;
  /**
   * Creates and starts the container; resolves once it runs, with its published port. A container
   * that would carry a reserved label not in `spec.labels` is removed before it starts.
   */
  runContainer(spec: AppContainerSpec): Promise<AppContainerInfo>;
  /** Starts a stopped container again (its published port may change). */
  startContainer(id: string): Promise<AppContainerInfo>;
  /** Stops a container; idempotent. */
  stopContainer(id: string): Promise<void>;
  /** Stops and removes a container; a missing one is ignored. */
  removeContainer(id: string): Promise<void>;
  inspectContainer(id: string): Promise<AppContainerInfo | null>;
  listContainers(labels: Labels): Promise<AppContainerInfo[]>;
  /** The last `tail` lines of stdout and stderr, interleaved as written. */
  containerLogs(id: string, tail: number): Promise<string>;
  /** The last `tail` lines, then new ones as they come, until the container stops or the stream is destroyed. */
  followContainerLogs(id: string, tail: number): Promise<Readable>;
}

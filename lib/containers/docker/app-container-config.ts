import type Docker from "dockerode";
import type { AppContainerSpec } from "../app-backend";

const OPEN_FILES = 4096;
const TMP_BYTES = 64 * 1024 ** 2;

/**
 * A web app's container: its port published on 127.0.0.1 only (a random host port), no
 * capabilities, no privilege gain, memory without swap, a CPU share, a process cap, and where the
 * spec asks, a read-only root with a small writable /tmp and a user other than the image's.
 */
export function appContainerOptions(spec: AppContainerSpec, network?: string): Docker.ContainerCreateOptions {
  const portKey = `${spec.port}/tcp`;
  const env = { ...spec.env, PORT: String(spec.port) };
  return {
    name: spec.name,
    Image: spec.image,
    Labels: spec.labels,
    ...(spec.user ? { User: spec.user } : {}),
    Env: Object.entries(env).map(([key, value]) => `${key}=${value}`),
    ExposedPorts: { [portKey]: {} },
    Tty: false,
    HostConfig: {
      PortBindings: { [portKey]: [{ HostIp: "127.0.0.1", HostPort: "" }] },
      ...(network ? { NetworkMode: network } : {}),
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      Memory: spec.limits.memoryBytes,
      MemorySwap: spec.limits.memoryBytes,
      NanoCpus: Math.round(spec.limits.cpus * 1e9),
      PidsLimit: spec.limits.pids,
      ...(spec.readOnlyRoot ? { ReadonlyRootfs: true, Tmpfs: { "/tmp": `rw,nosuid,nodev,size=${TMP_BYTES}` } } : {}),
      Ulimits: [{ Name: "nofile", Soft: OPEN_FILES, Hard: OPEN_FILES }],
      LogConfig: { Type: "json-file", Config: { "max-size": "10m", "max-file": "1" } },
      RestartPolicy: { Name: "no" },
    },
  };
}

import type Docker from "dockerode";
import type { SandboxSpec } from "../backend";

export const SANDBOX_UID = 1000;
export const WORKSPACE = "/workspace";
export const VOLUME_LABEL = "runnel.volume";
/** Every sandbox's workspace volume is named this and a UUID. */
export const WORKSPACE_VOLUME_PREFIX = "runnel-ws-";

const TMP_BYTES = 64 * 1024 ** 2;
const OPEN_FILES = 1024;

/** A tmpfs-backed named volume: size-capped, owned by the sandbox user, and putArchive can write it. */
export function workspaceVolumeOptions(name: string, spec: SandboxSpec): Docker.VolumeCreateOptions {
  return {
    Name: name,
    Driver: "local",
    DriverOpts: {
      type: "tmpfs",
      device: "tmpfs",
      o: `size=${spec.limits.diskBytes},uid=${SANDBOX_UID},gid=${SANDBOX_UID},mode=0755`,
    },
    Labels: spec.labels,
  };
}

/** The hardened container of DESIGN.md's isolation defaults, running the image's agent. */
export function sandboxContainerOptions(volumeName: string, spec: SandboxSpec): Docker.ContainerCreateOptions {
  const { cpus, memoryBytes, pids, diskBytes } = spec.limits;
  return {
    Image: spec.image,
    User: `${SANDBOX_UID}:${SANDBOX_UID}`,
    WorkingDir: WORKSPACE,
    Labels: { ...spec.labels, [VOLUME_LABEL]: volumeName },
    // The agent speaks over the attached stdin/stdout; no TTY so the streams stay separate.
    Tty: false,
    OpenStdin: true,
    StdinOnce: false,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    NetworkDisabled: true,
    HostConfig: {
      NetworkMode: "none",
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      ReadonlyRootfs: true,
      // exec: `go run` executes the binary it builds in /tmp.
      Tmpfs: { "/tmp": `rw,exec,nosuid,nodev,size=${TMP_BYTES},uid=${SANDBOX_UID},gid=${SANDBOX_UID},mode=1777` },
      Mounts: [{ Type: "volume", Source: volumeName, Target: WORKSPACE }],
      PidsLimit: pids,
      Memory: memoryBytes,
      MemorySwap: memoryBytes,
      NanoCpus: Math.round(cpus * 1e9),
      Ulimits: [
        { Name: "nofile", Soft: OPEN_FILES, Hard: OPEN_FILES },
        { Name: "fsize", Soft: diskBytes, Hard: diskBytes },
      ],
      // Every protocol line (all of a block's output) passes through the container's stdout:
      // keep Docker's copy of it small.
      LogConfig: { Type: "json-file", Config: { "max-size": "1m", "max-file": "1" } },
      RestartPolicy: { Name: "no" },
      AutoRemove: false,
    },
  };
}

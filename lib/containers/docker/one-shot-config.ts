import type Docker from "dockerode";
import type { OneShotSpec } from "../backend";
import { sandboxContainerOptions } from "./sandbox-config";

/**
 * A one-shot container: the session sandbox's hardening (no network, non-root, read-only root,
 * caps, limits, a size-capped workspace volume) with nothing attached. It idles on the image's
 * own command (r-base: `sleep infinity` under tini) while the command runs as an exec, so its
 * workspace, a tmpfs, is still there to read the output files from afterwards.
 */
export function oneShotContainerOptions(volumeName: string, spec: OneShotSpec): Docker.ContainerCreateOptions {
  const options = sandboxContainerOptions(volumeName, spec);
  return {
    ...options,
    OpenStdin: false,
    StdinOnce: false,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
  };
}

/** The exec of the command itself: demultiplexed stdout and stderr, environment, from /workspace. */
export function oneShotExecOptions(spec: OneShotSpec, workingDir: string): Docker.ExecCreateOptions {
  return {
    Cmd: spec.argv,
    Env: Object.entries(spec.env ?? {}).map(([name, value]) => `${name}=${value}`),
    WorkingDir: workingDir,
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
  };
}

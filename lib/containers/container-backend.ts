import type { ContainerBackend } from "./backend";
import { getDocker } from "./docker-client";
import { DockerBackend } from "./docker/docker-backend";

let backend: ContainerBackend | undefined;

/** The process's container backend (Docker today). */
export function getContainerBackend(): ContainerBackend {
  backend ??= new DockerBackend(getDocker());
  return backend;
}

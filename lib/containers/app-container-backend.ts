import type { AppBackend } from "./app-backend";
import { getDocker } from "./docker-client";
import { DockerAppBackend } from "./docker/docker-app-backend";

let backend: AppBackend | undefined;

/** The process's backend for web app images and containers (Docker today). */
export function getAppBackend(): AppBackend {
  backend ??= new DockerAppBackend(getDocker());
  return backend;
}

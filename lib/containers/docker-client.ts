import Docker from "dockerode";
import { getSettings } from "../config/settings";

// Cached per process; dockerode opens a connection per request, so one instance is enough.
let client: Docker | undefined;

export function getDocker(): Docker {
  client ??= new Docker({ socketPath: getSettings().DOCKER_SOCKET });
  return client;
}

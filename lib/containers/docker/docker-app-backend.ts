import { PassThrough, type Readable } from "node:stream";
import type Docker from "dockerode";
import type { Labels } from "../backend";
import type { AppBackend, AppContainerInfo, AppContainerSpec, ImageBuildSpec } from "../app-backend";
import { getLogger } from "../../observability/logger";
import { appContainerOptions } from "./app-container-config";
import { installHostGuard } from "./app-host-guard";
import { dockerBuildImage } from "./docker-build-image";
import { foreignLabels, foreignLabelSentence } from "./foreign-labels";

const labelFilters = (labels: Labels) => Object.entries(labels).map(([key, value]) => `${key}=${value}`);
const isNotFound = (error: unknown) => (error as { statusCode?: number }).statusCode === 404;
const STOP_SECONDS = 5;
export const ISOLATED_NETWORK = "runnel-apps";
const ICC = "com.docker.network.bridge.enable_icc";

function publishedPort(info: Docker.ContainerInspectInfo): number | null {
  for (const bindings of Object.values(info.NetworkSettings.Ports ?? {})) {
    const port = bindings?.find((binding) => binding.HostIp === "127.0.0.1")?.HostPort;
    if (port) return Number(port);
  }
  return null;
}

function exitReason(state: Docker.ContainerInspectInfo["State"]): string | undefined {
  if (state.Running) return undefined;
  if (state.OOMKilled) return "it ran out of memory";
  return `it exited with code ${state.ExitCode}`;
}

/** Docker's log body (non-TTY) is framed per write; the frames' text, in the order written. */
function frameText(body: Buffer): string {
  const parts: Buffer[] = [];
  for (let offset = 0; offset + 8 <= body.length; ) {
    const length = body.readUInt32BE(offset + 4);
    parts.push(body.subarray(offset + 8, offset + 8 + length));
    offset += 8 + length;
  }
  return Buffer.concat(parts).toString("utf8");
}

export class DockerAppBackend implements AppBackend {
  constructor(private readonly docker: Docker) {}

  buildImage(spec: ImageBuildSpec): Promise<void> {
    return dockerBuildImage(this.docker, spec);
  }

  async imageExists(tag: string): Promise<boolean> {
    try {
      await this.docker.getImage(tag).inspect();
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async removeImages(tags: string[]): Promise<void> {
    for (const tag of tags) {
      try {
        await this.docker.getImage(tag).remove({ force: true });
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
  }

  async listImages(labels: Labels): Promise<string[]> {
    const images = await this.docker.listImages({ filters: { label: labelFilters(labels) } });
    return images.flatMap((image) => (image.RepoTags ?? []).filter((tag) => tag !== "<none>:<none>"));
  }

  async runContainer(spec: AppContainerSpec): Promise<AppContainerInfo> {
    const network = await this.appNetwork(spec.network);
    const container = await this.docker.createContainer(appContainerOptions(spec, network));
    try {
      // Docker merges the image's labels into the container's; a routing label Runnel did not set
      // must never reach Traefik, which watches every container on the engine. (The build refused
      // foreign `runnel.*` labels already; the runtime image's own ones are expected here.)
      const foreign = foreignLabels((await container.inspect()).Config.Labels, spec.labels).filter((key) => /^traefik\./i.test(key));
      if (foreign.length > 0) throw new Error(foreignLabelSentence(foreign));
      await container.start();
      return this.describe(await container.inspect());
    } catch (error) {
      await container.remove({ force: true }).catch(() => undefined);
      throw error;
    }
  }

  async startContainer(id: string): Promise<AppContainerInfo> {
    const container = this.docker.getContainer(id);
    try {
      await container.start();
    } catch (error) {
      // 304: it was running already.
      if ((error as { statusCode?: number }).statusCode !== 304) throw error;
    }
    return this.describe(await container.inspect());
  }

  async stopContainer(id: string): Promise<void> {
    try {
      await this.docker.getContainer(id).stop({ t: STOP_SECONDS });
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status !== 304 && status !== 404) throw error;
    }
  }

  async removeContainer(id: string): Promise<void> {
    try {
      await this.docker.getContainer(id).remove({ force: true });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async inspectContainer(id: string): Promise<AppContainerInfo | null> {
    try {
      return this.describe(await this.docker.getContainer(id).inspect());
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async listContainers(labels: Labels): Promise<AppContainerInfo[]> {
    const found = await this.docker.listContainers({ all: true, filters: { label: labelFilters(labels) } });
    const infos = await Promise.all(found.map((c) => this.inspectContainer(c.Id)));
    return infos.filter((info): info is AppContainerInfo => info !== null);
  }

  async containerLogs(id: string, tail: number): Promise<string> {
    const body = (await this.docker.getContainer(id).logs({ stdout: true, stderr: true, tail, follow: false })) as Buffer;
    return frameText(body);
  }

  async followContainerLogs(id: string, tail: number): Promise<Readable> {
    const stream = (await this.docker.getContainer(id).logs({ stdout: true, stderr: true, tail, follow: true })) as Readable;
    const out = new PassThrough();
    this.docker.modem.demuxStream(stream, out, out);
    stream.on("end", () => out.end());
    stream.on("error", (error) => out.destroy(error));
    // The reader went away: stop following, so Docker's connection is not left open.
    out.on("close", () => stream.destroy());
    return out;
  }

  private isolated?: Promise<string>;

  /**
   * The network an app joins: Runnel's own isolated bridge, unless the operator named another
   * that exists (the one Traefik reaches apps on). That one must have inter-container traffic
   * off too: apps never share a flat network with each other, Runnel or a proxy.
   */
  private async appNetwork(name: string | undefined): Promise<string> {
    if (!name || name === ISOLATED_NETWORK || !(await this.networkExists(name))) return this.isolatedNetwork();
    const info = (await this.docker.getNetwork(name).inspect()) as { Options?: Record<string, string> };
    if (info.Options?.[ICC] !== "false") {
      throw new Error(
        `The Docker network "${name}" (DOCKER_NETWORK) lets its containers reach each other; apps join only a network made with ${ICC}=false. Unset DOCKER_NETWORK to use Runnel's own "${ISOLATED_NETWORK}".`,
      );
    }
    return name;
  }

  /**
   * Runnel's own bridge for apps, made once: inter-container traffic off, so no app reaches
   * another, and (where Runnel runs on the host as root) an INPUT guard, so no app opens a
   * connection to the host itself, Runnel's listening address included.
   */
  private isolatedNetwork(): Promise<string> {
    this.isolated ??= (async () => {
      if (!(await this.networkExists(ISOLATED_NETWORK))) {
        await this.docker
          .createNetwork({ Name: ISOLATED_NETWORK, Driver: "bridge", Labels: { "runnel.kind": "network" }, Options: { [ICC]: "false" } })
          .catch((error: unknown) => {
            // 409: made by another Runnel process just now.
            if ((error as { statusCode?: number }).statusCode !== 409) throw error;
          });
      }
      const info = (await this.docker.getNetwork(ISOLATED_NETWORK).inspect()) as { Id: string; Options?: Record<string, string> };
      if (info.Options?.[ICC] !== "false") throw new Error(`The Docker network "${ISOLATED_NETWORK}" was made with inter-container traffic on; remove it, and Runnel makes it again.`);
      const guard = await installHostGuard(info.Options?.["com.docker.network.bridge.name"] ?? `br-${info.Id.slice(0, 12)}`);
      if (!guard.installed) {
        getLogger().warn(
          { reason: guard.reason },
          "apps can open connections to this host's services listening on all addresses; keep Runnel on HOST=127.0.0.1 or firewall the app bridge (README, Apps and the host)",
        );
      }
      return ISOLATED_NETWORK;
    })();
    this.isolated.catch(() => (this.isolated = undefined));
    return this.isolated;
  }

  private async networkExists(name: string): Promise<boolean> {
    try {
      await this.docker.getNetwork(name).inspect();
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  private describe(info: Docker.ContainerInspectInfo): AppContainerInfo {
    return {
      id: info.Id,
      labels: info.Config.Labels ?? {},
      running: info.State.Running,
      hostPort: info.State.Running ? publishedPort(info) : null,
      exit: exitReason(info.State),
    };
  }
}

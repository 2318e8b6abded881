// The Docker Engine API over its unix socket with Node's http module. Only lib/containers may
// import dockerode; the bench needs a few raw calls, and a baseline with nothing of ours in it.
import http from "node:http";

const socketPath = process.env.DOCKER_SOCKET || "/var/run/docker.sock";
// Create-exec and inspect reuse connections, as any long-lived Docker client does; a started
// exec's connection is hijacked for the output and cannot be reused.
const keepAlive = new http.Agent({ keepAlive: true });

export type EngineReply = { status: number; body: Buffer };

export function engineRequest(method: string, path: string, body?: unknown, { reuse = true } = {}): Promise<EngineReply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        socketPath,
        path,
        method,
        agent: reuse ? keepAlive : false,
        headers: payload ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) } : {},
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
}

export async function engineJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const reply = await engineRequest(method, path, body);
  if (reply.status >= 300) throw new Error(`Docker ${method} ${path}: ${reply.status} ${reply.body.toString("utf8").trim()}`);
  return (reply.body.length ? JSON.parse(reply.body.toString("utf8")) : undefined) as T;
}

export type ContainerSummary = { Id: string; State: string; Labels: Record<string, string> };

export function listContainers(labels: string[]): Promise<ContainerSummary[]> {
  const filters = encodeURIComponent(JSON.stringify({ label: labels }));
  return engineJson<ContainerSummary[]>("GET", `/containers/json?all=1&filters=${filters}`);
}

export function inspectContainer(id: string): Promise<{ State: { Running: boolean; StartedAt: string } }> {
  return engineJson("GET", `/containers/${id}/json`);
}

/** The container of a session (sessions started without the warm pool carry their id). */
export async function sessionContainer(sessionId: string): Promise<string> {
  const [container] = await listContainers([`runnel.session=${sessionId}`]);
  if (!container) throw new Error(`No container is labelled runnel.session=${sessionId}.`);
  return container.Id;
}

/** Removes every container of one Runnel instance and its workspace volume. */
export async function removeInstanceContainers(instance: string): Promise<number> {
  const containers = await listContainers([`runnel.instance=${instance}`]);
  for (const container of containers) {
    await engineRequest("DELETE", `/containers/${container.Id}?force=1`);
    const volume = container.Labels["runnel.volume"];
    if (volume) await engineRequest("DELETE", `/volumes/${encodeURIComponent(volume)}`);
  }
  return containers.length;
}

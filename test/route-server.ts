// A real HTTP server on loopback in front of route handlers, for tests of clients that speak
// HTTP (the runnel CLI): requests and streamed replies cross a socket as they would with Next.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

// Any route handler: each names its own params, which this server fills from the path.
type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;
export type Route = { method: string; path: string; handler: Handler };

export type RouteServer = { url: string; [Symbol.asyncDispose](): Promise<void> };

/** Serves `routes` (paths like "/api/notebooks/:id"; earlier routes win) until disposed. */
export async function startRouteServer(routes: Route[]): Promise<RouteServer> {
  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
      const found = routes.map((route) => ({ route, params: matchPath(route.path, url.pathname) })).find(
        ({ route, params }) => params && route.method === incoming.method,
      );
      if (!found?.params) {
        outgoing.writeHead(404).end();
        return;
      }
      const response = await found.route.handler(await toRequest(incoming, url), { params: Promise.resolve(found.params as never) });
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      if (!response.body) return void outgoing.end();
      const body = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream);
      outgoing.on("close", () => body.destroy());
      body.pipe(outgoing);
    })().catch(() => outgoing.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    if (part.startsWith(":")) params[part.slice(1)] = decodeURIComponent(got[i] ?? "");
    else if (part !== got[i]) return null;
  }
  return params;
}

async function toRequest(incoming: IncomingMessage, url: URL): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
  const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
  return new Request(url, { method: incoming.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined });
}

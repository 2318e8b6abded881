import { once } from "node:events";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { signAppToken } from "../app-access-token";
import { createAppRouteCache, type AppRoute } from "./app-route-cache";
import { createAppProxy } from "./create-app-proxy";

// The proxy between real servers on loopback: an "app" (HTTP, SSE, WebSocket) and the proxy as
// server.ts mounts it, with Runnel's own handler behind it.

const DOMAIN = "apps.test";
const routes = new Map<string, AppRoute>();
const readers = new Set<string>(); // "user:notebook" pairs allowed to read

let app: Server;
let appPort: number;
let proxy: Server;
let proxyPort: number;
let releaseSse: () => void = () => {};

function listen(server: Server): Promise<number> {
  server.listen(0, "127.0.0.1");
  return once(server, "listening").then(() => (server.address() as AddressInfo).port);
}

function startApp(name: string): Server {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://app");
    if (url.pathname === "/sse") {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      response.write("data: first\n\n");
      releaseSse = () => response.end("data: second\n\n");
      return;
    }
    if (url.pathname === "/upload") {
      let bytes = 0;
      request.on("data", (chunk: Buffer) => (bytes += chunk.length));
      request.on("end", () => response.end(JSON.stringify({ bytes })));
      return;
    }
    response.writeHead(200, { "content-type": "application/json", connection: "keep-alive", "x-app": name });
    response.end(JSON.stringify({ name, url: request.url, headers: request.headers }));
  });
  const sockets = new WebSocketServer({ server });
  sockets.on("connection", (socket, request) => {
    socket.on("message", (data) => socket.send(`${name} echo: ${String(data)} (host ${request.headers["x-forwarded-host"]})`));
  });
  return server;
}

type Reply = { status: number; headers: IncomingHttpHeaders; body: string };

function get(host: string, path: string, headers: Record<string, string> = {}, method = "GET", body?: Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port: proxyPort, path, method, headers: { host, ...headers } }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

function openSocket(host: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${proxyPort}/chat`, { headers: { host, ...headers } });
  return new Promise((resolve, reject) => {
    socket.once("open", () => resolve(socket));
    socket.once("unexpected-response", (_request, response) => reject(new Error(`status ${response.statusCode}`)));
    socket.once("error", reject);
  });
}

function running(id: string, port: number, notebookId: string | null = null): AppRoute {
  return { id, status: "running", statusReason: null, hostPort: port, notebookId };
}

beforeAll(async () => {
  app = startApp("app-one");
  appPort = await listen(app);
  const appProxy = createAppProxy({
    appsDomain: DOMAIN,
    routes: createAppRouteCache({ ttlMs: 0, load: async (slug) => routes.get(slug) ?? null }),
    mayRead: async (grantee, notebookId) => "userId" in grantee && readers.has(`${grantee.userId}:${notebookId}`),
  });
  proxy = createServer((request, response) => {
    if (!appProxy.handleRequest(request, response)) response.writeHead(418).end("runnel itself");
  });
  proxy.on("upgrade", (request, socket, head) => {
    if (!appProxy.handleUpgrade(request, socket, head)) socket.end("HTTP/1.1 400 Bad Request\r\nX-Handled-By: runnel\r\n\r\n");
  });
  proxyPort = await listen(proxy);
  routes.set("demo", running("demo", appPort));
});

afterAll(async () => {
  proxy.closeAllConnections();
  app.closeAllConnections();
  await Promise.all([new Promise((done) => proxy.close(done)), new Promise((done) => app.close(done))]);
});

describe("the app proxy, over HTTP", () => {
  it("routes <slug>.<domain> to the app's port, whatever the port in Host, and leaves other hosts to Runnel", async () => {
    const reply = await get(`demo.${DOMAIN}:3000`, "/hello?x=1");
    expect(reply.status).toBe(200);
    expect(reply.headers["x-app"]).toBe("app-one");
    expect(JSON.parse(reply.body)).toMatchObject({ name: "app-one", url: "/hello?x=1" });
    expect(await get("localhost:3000", "/")).toMatchObject({ status: 418, body: "runnel itself" });
  });

  it("sends X-Forwarded-Host/-Proto/-For and no hop-by-hop headers", async () => {
    const reply = await get(`demo.${DOMAIN}:3000`, "/", { connection: "keep-alive, x-hop", "x-hop": "secret", "proxy-authorization": "Basic eA==", "x-custom": "kept" });
    const { headers } = JSON.parse(reply.body) as { headers: Record<string, string> };
    expect(headers).toMatchObject({ "x-forwarded-host": `demo.${DOMAIN}:3000`, "x-forwarded-proto": "http", "x-forwarded-for": "127.0.0.1", "x-custom": "kept" });
    expect(headers).not.toHaveProperty("x-hop");
    expect(headers).not.toHaveProperty("proxy-authorization");
  });

  it("streams a request body through", async () => {
    const body = Buffer.alloc(5 * 1024 * 1024, 7);
    const reply = await get(`demo.${DOMAIN}`, "/upload", { "content-type": "application/octet-stream" }, "POST", body);
    expect(JSON.parse(reply.body)).toEqual({ bytes: body.length });
  });

  it("passes server-sent events on as they are written, before the response ends", async () => {
    const events: string[] = [];
    const ended = new Promise<void>((resolve, reject) => {
      const request = httpRequest({ host: "127.0.0.1", port: proxyPort, path: "/sse", headers: { host: `demo.${DOMAIN}` } }, (response) => {
        expect(response.headers["content-type"]).toBe("text/event-stream");
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          events.push(chunk);
          // The app sends its second event only once the first has come through the proxy.
          if (events.length === 1) releaseSse();
        });
        response.on("end", resolve);
      });
      request.on("error", reject);
      request.end();
    });
    await ended;
    expect(events.join("")).toBe("data: first\n\ndata: second\n\n");
    expect(events[0]).toBe("data: first\n\n");
  });
});

describe("the app proxy, over WebSocket", () => {
  it("echoes through the proxy, with X-Forwarded-Host set on the handshake", async () => {
    const socket = await openSocket(`demo.${DOMAIN}:3000`);
    try {
      socket.send("ping");
      const [reply] = await once(socket, "message");
      expect(String(reply)).toBe(`app-one echo: ping (host demo.${DOMAIN}:3000)`);
      socket.send("again");
      expect(String((await once(socket, "message"))[0])).toContain("again");
    } finally {
      socket.close();
    }
  });

  it("leaves other hosts' upgrades to Runnel's handler", async () => {
    await expect(openSocket("localhost:3000")).rejects.toThrow("status 400");
  });
});

describe("the app proxy's status pages", () => {
  it("answers 404 for an unknown app, 503 while building (reloading itself), stopped or failed (with the reason)", async () => {
    const unknown = await get(`nope.${DOMAIN}`, "/");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain("There is no app called “nope”");

    routes.set("busy", { ...running("busy", appPort), status: "building", hostPort: null });
    const building = await get(`busy.${DOMAIN}`, "/");
    expect(building.status).toBe(503);
    expect(building.headers["content-type"]).toContain("text/html");
    expect(building.body).toContain("being built");
    expect(building.body).toContain('http-equiv="refresh"');

    routes.set("off", { ...running("off", appPort), status: "stopped", hostPort: null });
    expect(await get(`off.${DOMAIN}`, "/")).toMatchObject({ status: 503, body: expect.stringContaining("is stopped") });

    routes.set("broken", { ...running("broken", appPort), status: "failed", statusReason: "exited with code 1 <oops>", hostPort: null });
    const failed = await get(`broken.${DOMAIN}`, "/");
    expect(failed.status).toBe(503);
    expect(failed.body).toContain("exited with code 1 &#60;oops&#62;");
    await expect(openSocket(`broken.${DOMAIN}`)).rejects.toThrow("status 503");
  });

  it("answers 502 when the app's port refuses the connection", async () => {
    const gone = createServer();
    const port = await listen(gone);
    await new Promise((done) => gone.close(done));
    routes.set("dead", running("dead", port));
    const reply = await get(`dead.${DOMAIN}`, "/");
    expect(reply.status).toBe(502);
    expect(reply.body).toContain("did not answer");
    await expect(openSocket(`dead.${DOMAIN}`)).rejects.toThrow("status 502");
  });

  it("follows an app to its new port when the cached one refuses (a redeploy)", async () => {
    const next = startApp("app-two");
    const nextPort = await listen(next);
    try {
      const gone = createServer();
      const oldPort = await listen(gone);
      await new Promise((done) => gone.close(done));
      let served = 0;
      const cache = createAppRouteCache({ ttlMs: 60_000, load: async (slug) => (served++ === 0 ? running(slug, oldPort) : running(slug, nextPort)) });
      const moved = createAppProxy({ appsDomain: DOMAIN, routes: cache, mayRead: async () => false });
      const server = createServer((request, response) => void moved.handleRequest(request, response));
      const port = await listen(server);
      try {
        const reply = await new Promise<string>((resolve, reject) => {
          httpRequest({ host: "127.0.0.1", port, path: "/", headers: { host: `moved.${DOMAIN}` } }, (response) => {
            let text = "";
            response.on("data", (chunk: Buffer) => (text += chunk));
            response.on("end", () => resolve(text));
          })
            .on("error", reject)
            .end();
        });
        expect(JSON.parse(reply).name).toBe("app-two");
      } finally {
        server.closeAllConnections();
        await new Promise((done) => server.close(done));
      }
    } finally {
      next.closeAllConnections();
      await new Promise((done) => next.close(done));
    }
  });
});

describe("a private app (one deployed from a notebook)", () => {
  beforeAll(() => {
    routes.set("secret", running("secret", appPort, "notebook-1"));
    readers.add("reader:notebook-1");
  });

  it("is 'no such app' without a token or cookie", async () => {
    const reply = await get(`secret.${DOMAIN}`, "/");
    expect(reply.status).toBe(404);
    expect(reply.body).toContain("There is no app called “secret”");
    await expect(openSocket(`secret.${DOMAIN}`)).rejects.toThrow("status 404");
  });

  it("trades a valid access token for an app-scoped cookie and drops the token from the URL", async () => {
    const token = await signAppToken("access", { appId: "secret", userId: "reader" });
    const exchange = await get(`secret.${DOMAIN}:3000`, `/page?a=1&__runnel_access=${token}`);
    expect(exchange.status).toBe(302);
    expect(exchange.headers.location).toBe("/page?a=1");
    const setCookie = exchange.headers["set-cookie"]?.[0] ?? "";
    expect(setCookie).toMatch(/^runnel_app_access=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    const cookie = setCookie.split(";")[0]!;

    const page = await get(`secret.${DOMAIN}:3000`, "/page?a=1", { cookie: `${cookie}; theme=dark` });
    expect(page.status).toBe(200);
    // The app never sees Runnel's cookie, only its own.
    expect(JSON.parse(page.body).headers.cookie).toBe("theme=dark");

    const socket = await openSocket(`secret.${DOMAIN}`, { cookie });
    socket.send("hi");
    expect(String((await once(socket, "message"))[0])).toContain("echo: hi");
    socket.close();
  });

  it("refuses a token for another app, another user's token, and a cookie from another app", async () => {
    const otherApp = await signAppToken("access", { appId: "demo", userId: "reader" });
    expect((await get(`secret.${DOMAIN}`, `/?__runnel_access=${otherApp}`)).status).toBe(404);
    const stranger = await signAppToken("access", { appId: "secret", userId: "stranger" });
    expect((await get(`secret.${DOMAIN}`, `/?__runnel_access=${stranger}`)).status).toBe(404);
    const demoCookie = await signAppToken("cookie", { appId: "demo", userId: "reader" });
    expect((await get(`secret.${DOMAIN}`, "/", { cookie: `runnel_app_access=${demoCookie}` })).status).toBe(404);
    // An access token is not a cookie.
    const access = await signAppToken("access", { appId: "secret", userId: "reader" });
    expect((await get(`secret.${DOMAIN}`, "/", { cookie: `runnel_app_access=${access}` })).status).toBe(404);
  });

  it("stops answering a user who loses the right to read the notebook", async () => {
    const cookieToken = await signAppToken("cookie", { appId: "secret", userId: "leaver" });
    readers.add("leaver:notebook-1");
    expect((await get(`secret.${DOMAIN}`, "/", { cookie: `runnel_app_access=${cookieToken}` })).status).toBe(200);
    readers.delete("leaver:notebook-1");
    expect((await get(`secret.${DOMAIN}`, "/", { cookie: `runnel_app_access=${cookieToken}` })).status).toBe(404);
  });
});

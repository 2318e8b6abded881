import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getAccess } from "@/app/api/apps/[id]/access/route";
import { getPrisma } from "@/lib/db/client";
import { createNotebook } from "@/lib/notebooks/create-notebook";
import { createRunnelAppProxy } from "@/lib/webapps/proxy/runnel-app-proxy";
import { apiRequest, routeParams, signUpUser, withMigratedDatabase, type SignedUpUser } from "@/test/route-requests";

// The access route and the proxy as server.ts runs it, over the real database: the App row is
// the source of truth, the notebook's readers are the app's users.

withMigratedDatabase();

let app: Server;
let proxy: Server;
let proxyPort: number;
let owner: SignedUpUser;
let stranger: SignedUpUser;
let privateId: string;
let publicId: string;

function listen(server: Server): Promise<number> {
  server.listen(0, "127.0.0.1");
  return once(server, "listening").then(() => (server.address() as AddressInfo).port);
}

function viaProxy(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    httpRequest({ host: "127.0.0.1", port: proxyPort, path: `${target.pathname}${target.search}`, headers: { host: target.host, ...headers } }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    })
      .on("error", reject)
      .end();
  });
}

async function accessUrl(id: string, user: SignedUpUser, host = `localhost:${proxyPort}`): Promise<Response> {
  return getAccess(apiRequest(`/api/apps/${id}/access`, { cookie: user.cookie, headers: { host } }), routeParams({ id }));
}

beforeAll(async () => {
  app = createServer((request, response) => response.end(`<h1>hello from ${request.headers["x-forwarded-host"]}</h1>`));
  const appPort = await listen(app);
  proxy = createServer((request, response) => {
    if (!createdProxy.handleRequest(request, response)) response.writeHead(418).end();
  });
  const createdProxy = createRunnelAppProxy({ APPS_DOMAIN: "apps.localhost", DOMAIN: "apps.example.com" });
  proxyPort = await listen(proxy);

  owner = await signUpUser("app-owner");
  stranger = await signUpUser("app-stranger");
  const notebook = await createNotebook({ ownerId: owner.user.id, title: "With an app", content: "```webapp static\n<h1>hi</h1>\n```\n" });
  privateId = `priv-${randomUUID().slice(0, 8)}`;
  publicId = `pub-${randomUUID().slice(0, 8)}`;
  const common = { appType: "static", sourceKind: "notebook", port: 8000, status: "running" as const, hostPort: appPort };
  await getPrisma().app.createMany({
    data: [
      { ...common, id: privateId, name: "private", ownerId: owner.user.id, notebookId: notebook.id, blockIndex: 0 },
      { ...common, id: publicId, name: "public", sourceKind: "zip", ownerId: owner.user.id },
    ],
  });
});

afterAll(async () => {
  await getPrisma().app.deleteMany({ where: { id: { in: [privateId, publicId].filter(Boolean) } } });
  proxy.closeAllConnections();
  app.closeAllConnections();
  await Promise.all([new Promise((done) => proxy.close(done)), new Promise((done) => app.close(done))]);
});

describe("GET /api/apps/:id/access", () => {
  it("gives a notebook's reader the app's URL with a short-lived token, which the proxy trades for a cookie", async () => {
    const response = await accessUrl(privateId, owner);
    expect(response.status).toBe(200);
    const { url } = (await response.json()) as { url: string };
    expect(url).toMatch(new RegExp(`^http://${privateId}\\.apps\\.localhost:${proxyPort}/\\?__runnel_access=[\\w.-]+$`));

    expect((await viaProxy(url.replace(/\?.*$/, ""))).status).toBe(404);
    const exchange = await viaProxy(url);
    expect(exchange.status).toBe(302);
    expect(exchange.headers.location).toBe("/");
    const cookie = exchange.headers["set-cookie"]![0]!.split(";")[0]!;
    const page = await viaProxy(url.replace(/\?.*$/, ""), { cookie });
    expect(page).toMatchObject({ status: 200, body: `<h1>hello from ${privateId}.apps.localhost:${proxyPort}</h1>` });
  });

  it("is 404 for a user who may not read the notebook, and the proxy shows them no app", async () => {
    expect((await accessUrl(privateId, stranger)).status).toBe(404);
    const stolen = (await (await accessUrl(privateId, owner)).json()) as { url: string };
    // A token is bound to its user: the stranger's browser gets the owner's token (say, a leaked
    // URL) — still valid for the owner, so it works only while the owner may read the notebook.
    expect((await viaProxy(stolen.url)).status).toBe(302);
    expect((await viaProxy(`http://${privateId}.apps.localhost:${proxyPort}/`, { cookie: stranger.cookie })).status).toBe(404);
  });

  it("gives a public app's URL without a token, and the proxy serves it to anyone", async () => {
    const { url } = (await (await accessUrl(publicId, owner)).json()) as { url: string };
    expect(url).toBe(`http://${publicId}.apps.localhost:${proxyPort}/`);
    expect((await viaProxy(url)).status).toBe(200);
  });

  it("uses the scheme and port the browser used (https behind a front proxy)", async () => {
    const response = await getAccess(
      // Over HTTPS the browser holds the session as the __Host- cookie (lib/auth/session-cookie.ts).
      apiRequest(`/api/apps/${publicId}/access`, { cookie: `__Host-${owner.cookie}`, headers: { host: "runnel.example.com", "x-forwarded-proto": "https" } }),
      routeParams({ id: publicId }),
    );
    expect(((await response.json()) as { url: string }).url).toBe(`https://${publicId}.apps.localhost/`);
  });

  it("drives Traefik's forwardAuth check the same way (token → cookie → 204; nothing → 404)", async () => {
    const { url } = (await (await accessUrl(privateId, owner)).json()) as { url: string };
    const token = new URL(url).searchParams.get("__runnel_access")!;
    const check = (uri: string, headers: Record<string, string> = {}) =>
      viaProxy(`http://runnel.example.com/__runnel/app-access`, {
        "x-forwarded-host": `${privateId}.apps.example.com`,
        "x-forwarded-uri": uri,
        "x-forwarded-proto": "https",
        ...headers,
      });
    const exchange = await check(`/page?__runnel_access=${token}`);
    expect(exchange.status).toBe(302);
    expect(exchange.headers.location).toBe("/page");
    expect(exchange.headers["set-cookie"]![0]).toContain("SameSite=None; Secure");
    const cookie = exchange.headers["set-cookie"]![0]!.split(";")[0]!;
    expect((await check("/page", { cookie })).status).toBe(204);
    expect((await check("/page")).status).toBe(404);
    expect((await check("/", { "x-forwarded-host": `${publicId}.apps.example.com` })).status).toBe(204);
    expect((await check("/", { "x-forwarded-host": "unknown.apps.example.com" })).status).toBe(404);
  });

  it("is 401 signed out and 404 for an unknown app", async () => {
    const anonymous = await getAccess(apiRequest(`/api/apps/${publicId}/access`), routeParams({ id: publicId }));
    expect(anonymous.status).toBe(401);
    expect((await accessUrl("no-such-app", owner)).status).toBe(404);
  });
});

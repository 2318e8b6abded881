import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getAccess } from "@/app/api/apps/[id]/access/route";
import { POST as redeployApp } from "@/app/api/apps/[id]/redeploy/route";
import { GET as getApp } from "@/app/api/apps/[id]/route";
import { POST as stopApp } from "@/app/api/apps/[id]/stop/route";
import { POST as deployBlock } from "@/app/api/notebooks/[id]/blocks/[block]/deploy/route";
import { GET as notebookApps } from "@/app/api/notebooks/[id]/apps/route";
import { POST as createLink } from "@/app/api/notebooks/[id]/links/route";
import { DELETE as revokeLink, PATCH as changeLink } from "@/app/api/notebooks/[id]/links/[linkId]/route";
import { getPrisma } from "@/lib/db/client";
import { createNotebook } from "@/lib/notebooks/create-notebook";
import { SHARE_LINK_HEADER, shareLinkCookieName } from "@/lib/sharing/share-link-token";
import { signAppToken } from "@/lib/webapps/app-access-token";
import { createRunnelAppProxy } from "@/lib/webapps/proxy/runnel-app-proxy";
import { apiRequest, routeParams, signUpUser, withMigratedDatabase, type SignedUpUser } from "@/test/route-requests";

// A share link opens its notebook's apps to a signed-out reader, as it opens the notebook: for
// reading only, for that one notebook only, and only while the link is live. Real database,
// the access route and the app proxy as server.ts runs it, an app served on loopback.

withMigratedDatabase();

let app: Server;
let proxy: Server;
let proxyPort: number;
let owner: SignedUpUser;
let stranger: SignedUpUser;
type Shared = { notebookId: string; appId: string; linkId: string; token: string };
let a: Shared;
let b: Shared;
const madeNotebooks: string[] = [];

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

/** A signed-out browser holding a link: the link page's cookie for its notebook, or the header a script sends. */
function signedOut(path: string, holding: { notebookId: string; token: string } | null, how: "cookie" | "header" = "cookie", method = "GET"): Request {
  const headers: Record<string, string> = { host: `localhost:${proxyPort}` };
  if (holding && how === "header") headers[SHARE_LINK_HEADER] = holding.token;
  const cookie = holding && how === "cookie" ? `${shareLinkCookieName(holding.notebookId)}=${holding.token}` : undefined;
  return apiRequest(path, { method, cookie, headers });
}

async function accessFor(appId: string, request: Request): Promise<Response> {
  return getAccess(request, routeParams({ id: appId }));
}

/** Opens the app as a browser does: the access URL, the cookie it trades for, then the page. */
async function openApp(url: string): Promise<{ cookie: string; page: { status: number; body: string } }> {
  const exchange = await viaProxy(url);
  expect(exchange.status, "the access token is traded for a cookie").toBe(302);
  const cookie = exchange.headers["set-cookie"]![0]!.split(";")[0]!;
  return { cookie, page: await viaProxy(url.replace(/\?.*$/, ""), { cookie }) };
}

async function sharedNotebookWithApp(label: string, appPort: number, access: "read" | "run"): Promise<Shared> {
  const notebook = await createNotebook({ ownerId: owner.user.id, title: label, content: "```webapp static\n<h1>hi</h1>\n```\n" });
  madeNotebooks.push(notebook.id);
  const appId = `lnk-${randomUUID().slice(0, 8)}`;
  await getPrisma().app.create({
    data: { id: appId, name: label, appType: "static", sourceKind: "notebook", port: 8000, status: "running", hostPort: appPort, ownerId: owner.user.id, notebookId: notebook.id, blockIndex: 0, blockId: "app-block" },
  });
  const created = await createLink(
    apiRequest(`/api/notebooks/${notebook.id}/links`, { method: "POST", cookie: owner.cookie, body: { access } }),
    routeParams({ id: notebook.id }),
  );
  expect(created.status).toBe(201);
  const { link } = (await created.json()) as { link: { id: string; url: string } };
  return { notebookId: notebook.id, appId, linkId: link.id, token: new URL(link.url).pathname.split("/").pop()! };
}

beforeAll(async () => {
  app = createServer((request, response) => response.end(`<h1>app at ${request.headers["x-forwarded-host"]}</h1>`));
  const appPort = await listen(app);
  const createdProxy = createRunnelAppProxy({ APPS_DOMAIN: "apps.localhost" });
  proxy = createServer((request, response) => {
    if (!createdProxy.handleRequest(request, response)) response.writeHead(418).end();
  });
  proxyPort = await listen(proxy);
  owner = await signUpUser("link-app-owner");
  stranger = await signUpUser("link-app-stranger");
  a = await sharedNotebookWithApp("Notebook A", appPort, "read");
  b = await sharedNotebookWithApp("Notebook B", appPort, "run");
});

afterAll(async () => {
  await getPrisma().app.deleteMany({ where: { notebookId: { in: madeNotebooks } } });
  await getPrisma().notebook.deleteMany({ where: { id: { in: madeNotebooks } } });
  proxy.closeAllConnections();
  app.closeAllConnections();
  await Promise.all([new Promise((done) => proxy.close(done)), new Promise((done) => app.close(done))]);
});

describe("a share link and its notebook's apps", () => {
  it("lets a signed-out holder of a read link see the running app and open it through the proxy", async () => {
    const listed = await notebookApps(signedOut(`/api/notebooks/${a.notebookId}/apps`, a), routeParams({ id: a.notebookId }));
    expect(listed.status).toBe(200);
    const { apps } = (await listed.json()) as { apps: Array<{ id: string; status: string; block_id: string }> };
    expect(apps).toEqual([expect.objectContaining({ id: a.appId, status: "running", block_id: "app-block" })]);
    expect((await getApp(signedOut(`/api/apps/${a.appId}`, a, "header"), routeParams({ id: a.appId }))).status).toBe(200);

    const access = await accessFor(a.appId, signedOut(`/api/apps/${a.appId}/access`, a));
    expect(access.status).toBe(200);
    const { url } = (await access.json()) as { url: string };
    expect(url).toMatch(new RegExp(`^http://${a.appId}\\.apps\\.localhost:${proxyPort}/\\?__runnel_access=`));
    const { page } = await openApp(url);
    expect(page).toMatchObject({ status: 200, body: `<h1>app at ${a.appId}.apps.localhost:${proxyPort}</h1>` });
  });

  it("link for another notebook: A's link opens none of B's apps, by cookie, by header, or by a token naming A's link", async () => {
    // A's cookie is named for A: B's routes never read it, and a request holding only it is a stranger to B.
    for (const how of ["cookie", "header"] as const) {
      const held = { notebookId: how === "cookie" ? a.notebookId : b.notebookId, token: a.token };
      expect((await notebookApps(signedOut(`/api/notebooks/${b.notebookId}/apps`, held, how), routeParams({ id: b.notebookId }))).status, how).toBe(404);
      expect((await accessFor(b.appId, signedOut(`/api/apps/${b.appId}/access`, held, how))).status, how).toBe(404);
      expect((await getApp(signedOut(`/api/apps/${b.appId}`, held, how), routeParams({ id: b.appId }))).status, how).toBe(404);
    }
    // A token that names A's link for B's app (as if the signing were fooled) is not let in: the proxy asks whose link it is.
    const forged = await signAppToken("access", { appId: b.appId, linkId: a.linkId });
    expect((await viaProxy(`http://${b.appId}.apps.localhost:${proxyPort}/?__runnel_access=${forged}`)).status).toBe(404);
    // An access URL for A's app opens only A's app.
    const { url } = (await (await accessFor(a.appId, signedOut(`/api/apps/${a.appId}/access`, a))).json()) as { url: string };
    const token = new URL(url).searchParams.get("__runnel_access")!;
    expect((await viaProxy(`http://${b.appId}.apps.localhost:${proxyPort}/?__runnel_access=${token}`)).status).toBe(404);
  });

  it("a link cannot deploy, stop or redeploy its notebook's app, signed out or signed in", async () => {
    expect((await stopApp(signedOut(`/api/apps/${b.appId}/stop`, b, "header", "POST"), routeParams({ id: b.appId }))).status).toBe(401);
    expect((await redeployApp(signedOut(`/api/apps/${b.appId}/redeploy`, b, "header", "POST"), routeParams({ id: b.appId }))).status).toBe(401);
    expect((await deployBlock(signedOut(`/api/notebooks/${b.notebookId}/blocks/0/deploy`, b, "header", "POST"), routeParams({ id: b.notebookId, block: "0" }))).status).toBe(401);
    // Signed in with only a run link, the holder is a viewer: they see the app and change nothing.
    const withLink = (path: string, method = "GET") => apiRequest(path, { method, cookie: stranger.cookie, headers: { [SHARE_LINK_HEADER]: b.token, host: `localhost:${proxyPort}` } });
    expect((await accessFor(b.appId, withLink(`/api/apps/${b.appId}/access`))).status).toBe(200);
    expect((await stopApp(withLink(`/api/apps/${b.appId}/stop`, "POST"), routeParams({ id: b.appId }))).status).toBe(404);
    expect((await deployBlock(withLink(`/api/notebooks/${b.notebookId}/blocks/0/deploy`, "POST"), routeParams({ id: b.notebookId, block: "0" }))).status).toBe(404);
    expect(await getPrisma().app.findUniqueOrThrow({ where: { id: b.appId } })).toMatchObject({ status: "running" });
  });

  it("signed out with no link at all is 401, and a made-up link is a stranger (404)", async () => {
    expect((await accessFor(a.appId, signedOut(`/api/apps/${a.appId}/access`, null))).status).toBe(401);
    const madeUp = { notebookId: a.notebookId, token: "x".repeat(43) };
    expect((await accessFor(a.appId, signedOut(`/api/apps/${a.appId}/access`, madeUp))).status).toBe(404);
    expect((await notebookApps(signedOut(`/api/notebooks/${a.notebookId}/apps`, madeUp), routeParams({ id: a.notebookId }))).status).toBe(404);
  });

  it("revoked link: its holder's open app stops at the very next request, and no new access URL is given", async () => {
    const held = await sharedNotebookWithApp("Revoked", (app.address() as AddressInfo).port, "run");
    const { url } = (await (await accessFor(held.appId, signedOut(`/api/apps/${held.appId}/access`, held))).json()) as { url: string };
    const { cookie, page } = await openApp(url);
    expect(page.status).toBe(200);
    const appUrl = url.replace(/\?.*$/, "");

    // Changing the link's access in place keeps the app open (reading is all it needs).
    const change = await changeLink(
      apiRequest(`/api/notebooks/${held.notebookId}/links/${held.linkId}`, { method: "PATCH", cookie: owner.cookie, body: { access: "read" } }),
      routeParams({ id: held.notebookId, linkId: held.linkId }),
    );
    expect(change.status).toBe(200);
    expect((await viaProxy(appUrl, { cookie })).status).toBe(200);

    const revoked = await revokeLink(
      apiRequest(`/api/notebooks/${held.notebookId}/links/${held.linkId}`, { method: "DELETE", cookie: owner.cookie }),
      routeParams({ id: held.notebookId, linkId: held.linkId }),
    );
    expect(revoked.status).toBe(204);
    // No wait for a cache: a link's grant is asked afresh on every request.
    expect((await viaProxy(appUrl, { cookie })).status).toBe(404);
    expect((await viaProxy(url)).status, "the access URL given before is dead too").toBe(404);
    expect((await accessFor(held.appId, signedOut(`/api/apps/${held.appId}/access`, held))).status).toBe(404);
    expect((await notebookApps(signedOut(`/api/notebooks/${held.notebookId}/apps`, held), routeParams({ id: held.notebookId }))).status).toBe(404);
  });
});

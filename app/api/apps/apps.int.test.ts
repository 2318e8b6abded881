import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { codeFingerprint } from "@/lib/notebook/code-fingerprint";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GET as getApp, DELETE as deleteAppRoute } from "@/app/api/apps/[id]/route";
import { GET as getLogs } from "@/app/api/apps/[id]/logs/route";
import { POST as redeployRoute } from "@/app/api/apps/[id]/redeploy/route";
import { POST as startRoute } from "@/app/api/apps/[id]/start/route";
import { POST as stopRoute } from "@/app/api/apps/[id]/stop/route";
import { GET as listApps, POST as createAppRoute } from "@/app/api/apps/route";
import { POST as deployBlockRoute } from "@/app/api/notebooks/[id]/blocks/[block]/deploy/route";
import { POST as createNotebookRoute } from "@/app/api/notebooks/route";
import { getSettings } from "@/lib/config/settings";
import { getAppBackend } from "@/lib/containers/app-container-backend";
import { getPrisma } from "@/lib/db/client";
import { instanceLabel } from "@/lib/sessions/sandbox-spec";
import { reconcileSessions } from "@/lib/sessions/reconcile-sessions";
import { appSelector } from "@/lib/webapps/app-labels";
import { pendingDeploy } from "@/lib/webapps/deploy-tasks";
import { createRunnelAppProxy } from "@/lib/webapps/proxy/runnel-app-proxy";
import { reconcileApps } from "@/lib/webapps/reconcile-apps";
import { makeZip, type ZipEntrySpec } from "@/lib/webapps/testing/make-zip";
import { apiRequest, noParams, routeParams, signUpUser, withMigratedDatabase } from "@/test/route-requests";

// Real Docker, real database: apps are built FROM the webapp-python image (runtime-image/build.sh).
const API_KEY = "test-runner-key-0123456789";
const scratch = mkdtempSync(path.join(os.tmpdir(), "runnel-apps-int-"));
const appsDir = path.join(scratch, "apps");
process.env.APPS_DIR = appsDir;
process.env.RUNNER_API_KEY = API_KEY;
process.env.ALLOW_FILE_GIT_URLS = "1";
process.env.APP_MAX_UNPACKED_BYTES = "20m";
process.env.APP_MAX_UPLOAD_BYTES = "1m";

withMigratedDatabase();

const run = Date.now().toString(36);
const appId = (name: string) => `t-${name}-${run}`;
type AppBody = { id: string; name: string; status: string; url: string; status_reason: string | null };

function createRequest(fields: Record<string, string>, zip?: Buffer, headers: Record<string, string> = { "x-api-key": API_KEY }): Request {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  if (zip) form.append("code", new Blob([new Uint8Array(zip)], { type: "application/zip" }), "code.zip");
  return new Request("http://localhost/api/apps", { method: "POST", body: form, headers });
}

const withKey = (url: string, method = "GET") => apiRequest(url, { method, headers: { "x-api-key": API_KEY } });

async function appRow(id: string) {
  return getPrisma().app.findUniqueOrThrow({ where: { id } });
}

/** Creates an app, waits for its deploy, and returns the row. */
async function deployed(fields: Record<string, string> & { id: string }, zip?: Buffer) {
  const response = await createAppRoute(createRequest(fields, zip), noParams);
  const body = (await response.json()) as AppBody;
  expect(response.status, JSON.stringify(body)).toBe(201);
  expect(body).toMatchObject({ id: fields.id, status: "building", url: `http://${fields.id}.apps.localhost:${getSettings().PORT}` });
  await pendingDeploy(fields.id);
  return appRow(fields.id);
}

function get(port: number, host?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, path: "/", headers: host ? { host } : {}, agent: false }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.setTimeout(5000, () => request.destroy(new Error("timed out")));
    request.on("error", reject);
  });
}

/** Everything under the scratch folder: nothing may appear outside APPS_DIR. */
function scratchListing(): string[] {
  return readdirSync(scratch).filter((name) => name !== "apps" && name !== "repo");
}

const staticSite: ZipEntrySpec[] = [
  { name: "index.html", content: "<!doctype html><h1>Hello from a zip</h1>", deflate: true },
  { name: "about/", mode: 0o040755 },
  { name: "about/index.html", content: "<p>about</p>" },
];

afterAll(async () => {
  const backend = getAppBackend();
  const mine = { "runnel.kind": "app", "runnel.instance": instanceLabel(getSettings()) };
  for (const container of await backend.listContainers(mine)) {
    if (container.labels["runnel.app"]?.endsWith(run)) await backend.removeContainer(container.id);
  }
  await backend.removeImages((await backend.listImages(mine)).filter((tag) => tag.includes(run)));
  await getPrisma().app.deleteMany({ where: { id: { endsWith: run } } });
  rmSync(scratch, { recursive: true, force: true });
});

describe("the app API refuses", () => {
  it("a request without the API key (401)", async () => {
    const response = await createAppRoute(createRequest({ id: appId("nokey") }, makeZip(staticSite), {}), noParams);
    expect(response.status).toBe(401);
    expect((await response.json()).error.message).toMatch(/X-API-Key/);
    expect((await listApps(apiRequest("/api/apps"), noParams)).status).toBe(401);
  });

  it("a wrong API key (401)", async () => {
    const response = await createAppRoute(createRequest({ id: appId("badkey") }, makeZip(staticSite), { "x-api-key": "wrong" }), noParams);
    expect(response.status).toBe(401);
  });

  it("an invalid app_type (400) and an invalid id (400)", async () => {
    const badType = await createAppRoute(createRequest({ id: appId("type"), app_type: "php" }, makeZip(staticSite)), noParams);
    expect(badType.status).toBe(400);
    expect((await badType.json()).error.message).toMatch(/app_type must be one of gradio, streamlit, fastapi, static, docker/);
    const badId = await createAppRoute(createRequest({ id: "Not_A_Slug", app_type: "static" }, makeZip(staticSite)), noParams);
    expect(badId.status).toBe(400);
  });

  it("a Git URL that is not https and a missing source (400)", async () => {
    const ext = await createAppRoute(createRequest({ id: appId("ext"), git_url: "ext::sh -c touch% /tmp/x" }), noParams);
    expect(ext.status).toBe(400);
    const none = await createAppRoute(createRequest({ id: appId("none") }), noParams);
    expect(none.status).toBe(400);
  });

  it("an upload past APP_MAX_UPLOAD_BYTES sent without a Content-Length (413), read no further than the cap", async () => {
    const boundary = "runnel-test-boundary";
    const head = `--${boundary}\r\ncontent-disposition: form-data; name="code"; filename="code.zip"\r\n\r\n`;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode(head));
        sent += 64 * 1024;
        if (sent > 8 * 1024 ** 2) controller.close();
        else controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const request = new Request("http://localhost/api/apps", {
      method: "POST",
      body,
      duplex: "half",
      headers: { "x-api-key": API_KEY, "content-type": `multipart/form-data; boundary=${boundary}` },
    } as RequestInit);
    const response = await createAppRoute(request, noParams);
    expect(response.status).toBe(413);
    expect((await response.json()).error.message).toMatch(/larger than 1 MiB \(APP_MAX_UPLOAD_BYTES\)/);
    expect(sent).toBeLessThan(4 * 1024 ** 2);
  });

  it.each([
    ["a zip-slip zip", [{ name: "index.html", content: "ok" }, { name: "../../../escaped.txt", content: "evil" }]],
    ["a symlink zip", [{ name: "index.html", content: "/etc/passwd", mode: 0o120777 }]],
    ["a zip bomb", [{ name: "index.html", content: Buffer.alloc(64 * 1024 * 1024), deflate: true, declaredSize: 100 }]],
  ] as const)("%s (400), writing nothing outside APPS_DIR and leaving no app", async (_case, entries) => {
    const id = appId("evil");
    const response = await createAppRoute(createRequest({ id, app_type: "static" }, makeZip([...entries])), noParams);
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/zip/i);
    expect(scratchListing()).toEqual([]);
    expect(existsSync(path.join(appsDir, id))).toBe(false);
    expect(await getPrisma().app.findUnique({ where: { id } })).toBeNull();
  }, 120_000);
});

describe("a static site from a zip", () => {
  const id = appId("static");

  it("is built, started, and served on its published 127.0.0.1 port", async () => {
    const app = await deployed({ id, name: "Static", app_type: "static", port: "8080" }, makeZip(staticSite));
    expect(app.status, app.statusReason ?? "").toBe("running");
    const page = await get(app.hostPort!);
    expect(page).toMatchObject({ status: 200 });
    expect(page.body).toContain("<h1>Hello from a zip</h1>");
    expect((await get(app.hostPort!)).body).not.toContain(".runnel");

    const container = await getAppBackend().inspectContainer(app.containerId!);
    expect(container?.labels).toMatchObject({ "runnel.kind": "app", "runnel.app": id, "runnel.instance": instanceLabel(getSettings()) });
    const inspect = JSON.parse(execFileSync("docker", ["inspect", app.containerId!], { encoding: "utf8" }))[0];
    expect(inspect.Config.User || "").not.toBe("root");
    expect(inspect.HostConfig.PortBindings["8080/tcp"][0].HostIp).toBe("127.0.0.1");
    expect(inspect.HostConfig.Memory).toBe(2 * 1024 ** 3);
    expect(inspect.HostConfig.NanoCpus).toBe(1e9);

    const status = await getApp(withKey(`/api/apps/${id}`), routeParams({ id }));
    expect(await status.json()).toMatchObject({ id, name: "Static", status: "running" });
    const list = await (await listApps(withKey("/api/apps"), noParams)).json();
    expect(list.apps.map((entry: AppBody) => entry.id)).toContain(id);
  }, 180_000);

  it("has its build log and its container's output in the logs", async () => {
    const response = await getLogs(withKey(`/api/apps/${id}/logs?tail=50`), routeParams({ id }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toMatch(/GET \/ HTTP/);
    expect(existsSync(path.join(appsDir, id, "build.log"))).toBe(true);
  });

  it("redeploys with zero downtime: a client polling every 50 ms through the proxy loses no request", async () => {
    const before = await appRow(id);
    const proxy = createRunnelAppProxy(getSettings());
    const server = http.createServer((request, response) => {
      if (!proxy.handleRequest(request, response)) response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    const host = `${id}.${getSettings().APPS_DOMAIN}`;
    const results: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const reply = await get(port, host).catch(() => ({ status: 0, body: "" }));
        results.push(reply.body.includes("Hello from a zip") ? reply.status : -reply.status || -1);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    try {
      const response = await redeployRoute(withKey(`/api/apps/${id}/redeploy`, "POST"), routeParams({ id }));
      expect(response.status).toBe(202);
      expect((await response.json()).status).toBe("running");
      await pendingDeploy(id);
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      polling = false;
      await poller;
      await new Promise((resolve) => server.close(resolve));
    }
    const after = await appRow(id);
    expect(after.status).toBe("running");
    expect(after.containerId).not.toBe(before.containerId);
    expect(results.length).toBeGreaterThan(20);
    expect(results.filter((status) => status !== 200)).toEqual([]);
    expect(await getAppBackend().inspectContainer(before.containerId!)).toBeNull();
    expect(await getAppBackend().imageExists(before.imageTag!)).toBe(false);
  }, 180_000);

  it("stops (its port closes) and starts again", async () => {
    const stopped = await stopRoute(withKey(`/api/apps/${id}/stop`, "POST"), routeParams({ id }));
    expect(await stopped.json()).toMatchObject({ status: "stopped" });
    const row = await appRow(id);
    expect(row.hostPort).toBeNull();
    const started = await startRoute(withKey(`/api/apps/${id}/start`, "POST"), routeParams({ id }));
    expect(await started.json()).toMatchObject({ status: "running" });
    expect((await get((await appRow(id)).hostPort!)).body).toContain("Hello from a zip");
  }, 60_000);

  it("is found again after a simulated restart, and session reconcile leaves it alone", async () => {
    const real = await appRow(id);
    // What a restart may leave: a stale port in the row, and a stray container of an interrupted redeploy.
    await getPrisma().app.update({ where: { id }, data: { hostPort: 1 } });
    const stray = await getAppBackend().runContainer({
      image: real.imageTag!,
      name: `runnel-app-${id}-stray`,
      labels: appSelector(getSettings(), id),
      port: 8080,
      env: {},
      limits: { cpus: 0.5, memoryBytes: 256 * 1024 ** 2, pids: 64 },
      readOnlyRoot: false,
    });
    await reconcileSessions();
    expect((await getAppBackend().inspectContainer(real.containerId!))?.running).toBe(true);
    const result = await reconcileApps();
    expect(result.removedContainers).toBeGreaterThanOrEqual(1);
    expect(await getAppBackend().inspectContainer(stray.id)).toBeNull();
    const after = await appRow(id);
    expect(after).toMatchObject({ status: "running", hostPort: real.hostPort, containerId: real.containerId });
    expect((await get(after.hostPort!)).body).toContain("Hello from a zip");
  }, 60_000);

  it("is deleted with its container, its images and its folder", async () => {
    const row = await appRow(id);
    const response = await deleteAppRoute(withKey(`/api/apps/${id}`, "DELETE"), routeParams({ id }));
    expect(response.status).toBe(200);
    const selector = appSelector(getSettings(), id);
    expect(await getAppBackend().listContainers(selector)).toEqual([]);
    expect(await getAppBackend().listImages(selector)).toEqual([]);
    expect(await getAppBackend().imageExists(row.imageTag!)).toBe(false);
    expect(existsSync(path.join(appsDir, id))).toBe(false);
    expect((await getApp(withKey(`/api/apps/${id}`), routeParams({ id }))).status).toBe(404);
  }, 60_000);
});

describe("other sources and types", () => {
  it("deploys a FastAPI app from a local Git repository (file://) that answers JSON", async () => {
    const repo = path.join(scratch, "repo");
    mkdirSync(repo);
    writeFileSync(path.join(repo, "app.py"), 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/")\ndef root():\n    return {"hello": "git"}\n');
    const git = (...args: string[]) => execFileSync("git", ["-C", repo, "-c", "user.email=t@example.test", "-c", "user.name=t", ...args]);
    git("init", "-q", "-b", "live");
    git("add", ".");
    git("commit", "-q", "-m", "app");
    const id = appId("fastapi");
    const app = await deployed({ id, app_type: "fastapi", git_url: `file://${repo}`, git_branch: "live", port: "8000" });
    expect(app.status, app.statusReason ?? "").toBe("running");
    expect(JSON.parse((await get(app.hostPort!)).body)).toEqual({ hello: "git" });
    expect(existsSync(path.join(appsDir, id, "source", ".git"))).toBe(false);

    // A redeploy clones afresh; one whose app never answers leaves the old container serving.
    writeFileSync(path.join(repo, "app.py"), "raise SystemExit('broken')\n");
    git("commit", "-q", "-am", "broken");
    await redeployRoute(withKey(`/api/apps/${id}/redeploy`, "POST"), routeParams({ id }));
    await pendingDeploy(id);
    const after = await appRow(id);
    expect(after).toMatchObject({ status: "running", containerId: app.containerId, hostPort: app.hostPort });
    expect(after.statusReason).toMatch(/^The last deploy failed: .*broken/);
    expect(JSON.parse((await get(app.hostPort!)).body)).toEqual({ hello: "git" });

    const missing = await createAppRoute(createRequest({ id: appId("nobranch"), app_type: "fastapi", git_url: `file://${repo}`, git_branch: "nope" }), noParams);
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.message).toMatch(/git clone failed/);
  }, 180_000);

  it("runs a docker app with its own Dockerfile (FROM the webapp-python image, no network)", async () => {
    const id = appId("docker");
    const zip = makeZip([
      { name: "Dockerfile", content: 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY server.py /app/server.py\nCMD ["python3", "/app/server.py"]\n' },
      {
        name: "server.py",
        content:
          "import os\nfrom http.server import BaseHTTPRequestHandler, HTTPServer\n" +
          "class H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_response(200)\n        self.end_headers()\n        self.wfile.write(b'custom dockerfile')\n" +
          "HTTPServer(('0.0.0.0', int(os.environ['PORT'])), H).serve_forever()\n",
      },
    ]);
    const app = await deployed({ id, app_type: "docker", port: "9000" }, zip);
    expect(app.status, app.statusReason ?? "").toBe("running");
    expect((await get(app.hostPort!)).body).toBe("custom dockerfile");
  }, 180_000);

  it("cancels a build under way when the app is deleted, leaving nothing behind", async () => {
    const id = appId("slow");
    const zip = makeZip([{ name: "Dockerfile", content: "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN sleep 120\n" }]);
    const response = await createAppRoute(createRequest({ id, app_type: "docker" }, zip), noParams);
    expect(response.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const started = Date.now();
    const deleted = await deleteAppRoute(withKey(`/api/apps/${id}`, "DELETE"), routeParams({ id }));
    expect(deleted.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(30_000);
    await pendingDeploy(id);
    const selector = appSelector(getSettings(), id);
    expect(await getAppBackend().listContainers(selector)).toEqual([]);
    expect(await getAppBackend().listImages(selector)).toEqual([]);
    expect(existsSync(path.join(appsDir, id))).toBe(false);
    expect(await getPrisma().app.findUnique({ where: { id } })).toBeNull();
  }, 120_000);

  it("fails with the reason and the log when the app never answers", async () => {
    const id = appId("crash");
    const zip = makeZip([{ name: "app.py", content: "raise SystemExit('boom: no app here')\n" }]);
    const app = await deployed({ id, app_type: "fastapi", port: "8000" }, zip);
    expect(app.status).toBe("failed");
    expect(app.statusReason).toMatch(/stopped before its port answered/);
    expect(await getAppBackend().listContainers(appSelector(getSettings(), id))).toEqual([]);
    const logs = await (await getLogs(withKey(`/api/apps/${id}/logs`), routeParams({ id }))).text();
    expect(logs).toMatch(/deploy failed/);
  }, 180_000);
});

describe("apps of notebook blocks", () => {
  it("deploy a webapp block with the notebook's files; readers see it, strangers get 404", async () => {
    const owner = await signUpUser("app-owner");
    const stranger = await signUpUser("app-stranger");
    const content = ["# Site", "", "```file css style.css", "h1 { color: teal }", "```", "", "```webapp static", "<h1>From a notebook</h1>", "```", ""].join("\n");
    const created = await createNotebookRoute(apiRequest("/api/notebooks", { method: "POST", cookie: owner.cookie, body: { title: "Site", content } }), noParams);
    const { notebook } = await created.json();
    const params = routeParams({ id: notebook.id, block: "1" });

    const notAWebapp = await deployBlockRoute(apiRequest(`/api/notebooks/${notebook.id}/blocks/0/deploy`, { method: "POST", cookie: owner.cookie }), routeParams({ id: notebook.id, block: "0" }));
    expect(notAWebapp.status).toBe(400);
    const refused = await deployBlockRoute(apiRequest(`/api/notebooks/${notebook.id}/blocks/1/deploy`, { method: "POST", cookie: stranger.cookie }), params);
    expect(refused.status).toBe(404);

    const response = await deployBlockRoute(apiRequest(`/api/notebooks/${notebook.id}/blocks/1/deploy`, { method: "POST", cookie: owner.cookie }), params);
    expect(response.status).toBe(202);
    const view = (await response.json()) as AppBody & { notebook_id: string; block_index: number; code_fingerprint: string | null };
    expect(view).toMatchObject({ status: "building", notebook_id: notebook.id, block_index: 1, block_id: notebook.blocks[1].id });
    // The page compares this with the block's code now to say the block changed since its deploy.
    expect(view.code_fingerprint).toBe(codeFingerprint("<h1>From a notebook</h1>"));
    try {
      await pendingDeploy(view.id);
      const app = await appRow(view.id);
      expect(app.status, app.statusReason ?? "").toBe("running");
      expect((await get(app.hostPort!)).body).toContain("<h1>From a notebook</h1>");
      const style = await new Promise<string>((resolve, reject) =>
        http.get({ host: "127.0.0.1", port: app.hostPort!, path: "/style.css" }, (r) => {
          let body = "";
          r.on("data", (c) => (body += c));
          r.on("end", () => resolve(body));
        }).on("error", reject),
      );
      expect(style).toContain("color: teal");

      const asOwner = await getApp(apiRequest(`/api/apps/${view.id}`, { cookie: owner.cookie }), routeParams({ id: view.id }));
      expect(asOwner.status).toBe(200);
      const asStranger = await getApp(apiRequest(`/api/apps/${view.id}`, { cookie: stranger.cookie }), routeParams({ id: view.id }));
      expect(asStranger.status).toBe(404);
      const strangerStop = await stopRoute(apiRequest(`/api/apps/${view.id}/stop`, { method: "POST", cookie: stranger.cookie }), routeParams({ id: view.id }));
      expect(strangerStop.status).toBe(404);
      const ownerList = await (await listApps(apiRequest("/api/apps", { cookie: owner.cookie }), noParams)).json();
      expect(ownerList.apps.map((entry: AppBody) => entry.id)).toEqual([view.id]);
    } finally {
      await deleteAppRoute(apiRequest(`/api/apps/${view.id}`, { method: "DELETE", cookie: owner.cookie }), routeParams({ id: view.id }));
    }
    expect(await getPrisma().app.findUnique({ where: { id: view.id } })).toBeNull();
  }, 180_000);
});

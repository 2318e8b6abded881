import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GET as getLogs } from "@/app/api/apps/[id]/logs/route";
import { POST as createAppRoute } from "@/app/api/apps/route";
import { POST as deployBlockRoute } from "@/app/api/notebooks/[id]/blocks/[block]/deploy/route";
import { POST as createNotebookRoute } from "@/app/api/notebooks/route";
import { DELETE as deleteAppRoute } from "@/app/api/apps/[id]/route";
import { getSettings } from "@/lib/config/settings";
import { getPrisma } from "@/lib/db/client";
import { readLines } from "@/lib/client/ndjson-lines";
import { appPaths } from "@/lib/webapps/app-paths";
import { deleteApp } from "@/lib/webapps/delete-app";
import { pendingDeploy } from "@/lib/webapps/deploy-tasks";
import { makeZip, type ZipEntrySpec } from "@/lib/webapps/testing/make-zip";
import { apiRequest, noParams, routeParams, signUpUser, withMigratedDatabase } from "@/test/route-requests";

// The Gradio and Streamlit templates up to the point where PyPI is needed (none here), the build
// progress stream, and following logs. Real Docker, FROM the webapp-python image.
const API_KEY = "test-runner-key-0123456789";
const scratch = mkdtempSync(path.join(os.tmpdir(), "runnel-app-templates-"));
process.env.APPS_DIR = path.join(scratch, "apps");
process.env.RUNNER_API_KEY = API_KEY;

withMigratedDatabase();

const run = Date.now().toString(36);
const made: string[] = [];

async function deploy(name: string, appType: string, entries: ZipEntrySpec[]) {
  const id = `t-${name}-${run}`;
  made.push(id);
  const form = new FormData();
  for (const [key, value] of Object.entries({ id, app_type: appType, port: "7860" })) form.append(key, value);
  form.append("code", new Blob([new Uint8Array(makeZip(entries))]), "code.zip");
  const response = await createAppRoute(new Request("http://localhost/api/apps", { method: "POST", body: form, headers: { "x-api-key": API_KEY } }), noParams);
  expect(response.status).toBe(201);
  await pendingDeploy(id);
  return getPrisma().app.findUniqueOrThrow({ where: { id } });
}

function getText(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get({ host: "127.0.0.1", port, path: "/" }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve(body));
    }).on("error", reject);
  });
}

afterAll(async () => {
  for (const id of made) await deleteApp(id);
  rmSync(scratch, { recursive: true, force: true });
});

// Stands in for `demo.launch()`: serves where Gradio would, from the variables the template sets.
const gradioStandIn =
  "import os\nfrom http.server import BaseHTTPRequestHandler, HTTPServer\n" +
  "host, port = os.environ['GRADIO_SERVER_NAME'], int(os.environ['GRADIO_SERVER_PORT'])\n" +
  "class H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_response(200)\n        self.end_headers()\n" +
  "        self.wfile.write(f'{host}:{port} uid={os.getuid()}'.encode())\n" +
  "HTTPServer((host, port), H).serve_forever()\n";

describe("the gradio template", () => {
  it("runs app.py bound to 0.0.0.0 on the app's port, as a non-root user", async () => {
    const app = await deploy("gradio", "gradio", [{ name: "app.py", content: gradioStandIn }]);
    expect(app.status, app.statusReason ?? "").toBe("running");
    expect(await getText(app.hostPort!)).toBe("0.0.0.0:7860 uid=1000");
  }, 120_000);

  it("installs requirements.txt with pip, which needs a package index (none here: the build fails, saying so)", async () => {
    const app = await deploy("gradio-pip", "gradio", [
      { name: "app.py", content: "import gradio as gr\n" },
      { name: "requirements.txt", content: "gradio==4.44.1\n" },
    ]);
    expect(app.status).toBe("failed");
    expect(app.statusReason).toMatch(/pip install -r requirements.txt/);
    const logs = await (await getLogs(apiRequest(`/api/apps/${app.id}/logs?tail=200`, { headers: { "x-api-key": API_KEY } }), routeParams({ id: app.id }))).text();
    expect(logs).toMatch(/gradio/);
    // The failed build's finished steps are not left behind as untagged images.
    const dangling = execFileSync("docker", ["images", "-q", "-f", "dangling=true", "-f", "label=runnel.image=webapp-python"], { encoding: "utf8" });
    expect(dangling.trim()).toBe("");
  }, 300_000);
});

describe("the streamlit template", () => {
  it("gets as far as starting streamlit, which only PyPI provides", async () => {
    const app = await deploy("streamlit", "streamlit", [{ name: "app.py", content: "import streamlit as st\nst.title('hi')\n" }]);
    expect(app.status).toBe("failed");
    expect(app.statusReason).toMatch(/streamlit: not found/);
  }, 120_000);
});

describe("build progress", () => {
  it("streams as NDJSON from the notebook deploy endpoint, ending in the status, and the logs follow the container", async () => {
    const owner = await signUpUser("stream-owner");
    const content = ["```webapp static", "<h1>Streamed</h1>", "```", ""].join("\n");
    const { notebook } = await (await createNotebookRoute(apiRequest("/api/notebooks", { method: "POST", cookie: owner.cookie, body: { title: "S", content } }), noParams)).json();
    const response = await deployBlockRoute(
      apiRequest(`/api/notebooks/${notebook.id}/blocks/0/deploy`, { method: "POST", cookie: owner.cookie, headers: { accept: "application/x-ndjson" } }),
      routeParams({ id: notebook.id, block: "0" }),
    );
    expect(response.headers.get("content-type")).toMatch(/application\/x-ndjson/);
    const lines: { type: string; line?: string; status?: string; app?: { id: string } }[] = [];
    for await (const line of readLines(response.body!.getReader())) lines.push(JSON.parse(line));
    const appId = lines[0]!.app!.id;
    made.push(appId);
    expect(lines[0]).toMatchObject({ type: "app", app: { status: "building" } });
    expect(lines.some((line) => line.type === "log" && /Step \d+\/\d+ : FROM/.test(line.line ?? ""))).toBe(true);
    expect(lines.at(-1)).toMatchObject({ type: "status", status: "running" });

    const app = await getPrisma().app.findUniqueOrThrow({ where: { id: appId } });
    const follow = await getLogs(apiRequest(`/api/apps/${appId}/logs?tail=0&follow=1`, { cookie: owner.cookie }), routeParams({ id: appId }));
    const reader = follow.body!.getReader();
    await getText(app.hostPort!);
    let seen = "";
    const decoder = new TextDecoder();
    while (!/GET \/ HTTP/.test(seen)) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += decoder.decode(value);
    }
    expect(seen).toMatch(/GET \/ HTTP/);
    await reader.cancel();
    expect(readFileSync(appPaths(getSettings(), appId).buildLog, "utf8")).toMatch(/\[runnel\] running on 127\.0\.0\.1:\d+/);
    await deleteAppRoute(apiRequest(`/api/apps/${appId}`, { method: "DELETE", cookie: owner.cookie }), routeParams({ id: appId }));
  }, 120_000);
});

import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { getPrisma } from "@/lib/db/client";
import { createApp, type CreateAppInput } from "@/lib/webapps/create-app";
import { deleteApp } from "@/lib/webapps/delete-app";
import { pendingDeploy } from "@/lib/webapps/deploy-tasks";
import { reconcileApps } from "@/lib/webapps/reconcile-apps";
import { withMigratedDatabase } from "@/test/route-requests";
import { createRunnelAppProxy } from "./runnel-app-proxy";

// End to end through real app containers: built from Runnel's templates by the web app lifecycle,
// published on 127.0.0.1, reached by Host header through the proxy as server.ts mounts it.

withMigratedDatabase();

const DOMAIN = "apps.localhost";
const created: string[] = [];
let proxy: Server;
let proxyPort: number;

function startProxy(): Promise<{ server: Server; port: number }> {
  const appProxy = createRunnelAppProxy({ APPS_DOMAIN: DOMAIN });
  const server = createServer((request, response) => {
    if (!appProxy.handleRequest(request, response)) response.writeHead(418).end();
  });
  server.on("upgrade", (request, socket, head) => {
    if (!appProxy.handleUpgrade(request, socket, head)) socket.destroy();
  });
  server.listen(0, "127.0.0.1");
  return once(server, "listening").then(() => ({ server, port: (server.address() as AddressInfo).port }));
}

function get(port: number, host: string, path = "/"): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    httpRequest({ host: "127.0.0.1", port, path, headers: { host } }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on("error", reject)
      .end();
  });
}

async function deployed(input: Omit<CreateAppInput, "id" | "ownerId" | "env">): Promise<string> {
  const id = `proxy-${input.appType}-${randomBytes(3).toString("hex")}`;
  created.push(id);
  await createApp({ ...input, id, ownerId: null, env: {} });
  await pendingDeploy(id);
  const app = await getPrisma().app.findUniqueOrThrow({ where: { id } });
  expect(app.statusReason ?? "", "the app deployed").toBe("");
  expect(app.status).toBe("running");
  return id;
}

beforeAll(async () => {
  ({ server: proxy, port: proxyPort } = await startProxy());
});

afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((done) => proxy.close(done));
  for (const id of created) await deleteApp(id);
});

describe("the proxy in front of real app containers", () => {
  it("serves a static site by Host header, and routes it again after a Runnel restart", { timeout: 240_000 }, async () => {
    const id = await deployed({
      name: "static through the proxy",
      appType: "static",
      port: 8000,
      source: { kind: "files", files: [{ path: "index.html", content: "<!doctype html><h1>Served through the proxy</h1>" }] },
    });
    const page = await get(proxyPort, `${id}.${DOMAIN}:3000`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("<h1>Served through the proxy</h1>");

    // A restart: Runnel's process state is gone and the row no longer knows the port; the
    // container kept running. Start-up reconcile finds it by label and the app is routed again.
    await getPrisma().app.update({ where: { id }, data: { hostPort: null } });
    const restarted = await startProxy();
    try {
      expect((await get(restarted.port, `${id}.${DOMAIN}`)).status).toBe(503);
      await reconcileApps();
      await new Promise((resolve) => setTimeout(resolve, 1100)); // the route cache's TTL
      const again = await get(restarted.port, `${id}.${DOMAIN}`);
      expect(again.status).toBe(200);
      expect(again.body).toContain("Served through the proxy");
    } finally {
      restarted.server.closeAllConnections();
      await new Promise((done) => restarted.server.close(done));
    }
  });

  it("carries a WebSocket echo app's messages both ways", { timeout: 240_000 }, async () => {
    const server = [
      "import asyncio, os, websockets",
      "async def echo(socket, path=None):",
      "    async for message in socket:",
      "        await socket.send('echo: ' + message)",
      "async def main():",
      "    async with websockets.serve(echo, '0.0.0.0', int(os.environ['PORT'])):",
      "        await asyncio.Future()",
      "asyncio.run(main())",
      "",
    ].join("\n");
    const dockerfile = ["ARG BASE_IMAGE", "FROM ${BASE_IMAGE}", "COPY --chown=app:app server.py /app/server.py", 'CMD ["python3", "/app/server.py"]', ""].join("\n");
    const id = await deployed({
      name: "websocket echo",
      appType: "docker",
      port: 8765,
      source: { kind: "files", files: [{ path: "Dockerfile", content: dockerfile }, { path: "server.py", content: server }] },
    });
    const socket = new WebSocket(`ws://127.0.0.1:${proxyPort}/`, { headers: { host: `${id}.${DOMAIN}` } });
    try {
      await once(socket, "open");
      for (const text of ["hello", "ünïcødé", "x".repeat(100_000)]) {
        socket.send(text);
        expect(String((await once(socket, "message"))[0])).toBe(`echo: ${text}`);
      }
    } finally {
      socket.close();
    }
  });
});

import { expect, test } from "@playwright/test";
import { SecondServer } from "../support/second-server";

// A second server whose Docker socket leads nowhere: what a user sees when dockerd is stopped.
test("with the engine down: health answers 503 naming Docker, the home page says so, connecting a session is a 503", async () => {
  const server = await SecondServer.prepare("docker-down", { DOCKER_SOCKET: "/nonexistent/docker.sock" });
  try {
    await server.start();
    const response = await fetch(`${server.base}/api/health`);
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.status).toBe("unavailable");
    expect(body.docker.ok).toBe(false);
    expect(body.docker.error).toMatch(/Docker engine is not running/);
    expect(body.db.ok).toBe(true);
    expect(body.images.runtime.ok).toBe(false);

    const page = await (await fetch(server.base)).text();
    expect(page).toContain("unavailable");
    expect(page).toContain("Docker engine is not running");

    const cookie = await server.signUp("Down");
    const created = await server.request("/api/notebooks", cookie, { method: "POST", body: { title: "t", content: "```runnable python\nprint(1)\n```" } });
    const { notebook } = await created.json();
    const connect = await server.request(`/api/notebooks/${notebook.id}/session`, cookie, { method: "POST" });
    expect(connect.status).toBe(503);
    expect((await connect.json()).error.message).toMatch(/Docker engine/);
  } finally {
    await server.dispose();
  }
});

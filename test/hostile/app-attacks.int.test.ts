import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { createServer as createHttpServer } from "node:http";
import { createServer, type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GET as getAppRoute } from "@/app/api/apps/[id]/route";
import { POST as createAppRoute } from "@/app/api/apps/route";
import { POST as deployBlockRoute } from "@/app/api/notebooks/[id]/blocks/[block]/deploy/route";
import { POST as createNotebookRoute } from "@/app/api/notebooks/route";
import { getSettings } from "@/lib/config/settings";
import { getAppBackend } from "@/lib/containers/app-container-backend";
import { imageTag } from "@/lib/containers/image-tag";
import { getPrisma } from "@/lib/db/client";
import { parseNotebook } from "@/lib/notebook/parse-notebook";
import { notebookAppId } from "@/lib/webapps/app-id";
import { appSelector } from "@/lib/webapps/app-labels";
import { deleteApp } from "@/lib/webapps/delete-app";
import { appPaths } from "@/lib/webapps/app-paths";
import { pendingDeploy } from "@/lib/webapps/deploy-tasks";
import { makeZip } from "@/lib/webapps/testing/make-zip";
import { apiRequest, noParams, routeParams, signUpUser, withMigratedDatabase } from "@/test/route-requests";

// Attacks by an ordinary account on Runnel's app hosting, each against the real engine and database.
const API_KEY = "test-runner-key-0123456789";
const scratch = mkdtempSync(path.join(os.tmpdir(), "runnel-app-attacks-"));
process.env.APPS_DIR = path.join(scratch, "apps");
process.env.RUNNER_API_KEY = API_KEY;
process.env.BUILD_MEMORY = "256m";
process.env.BUILD_PIDS = "128";
process.env.BUILD_LOG_MAX_BYTES = "64k";
process.env.BUILD_MAX_CONCURRENT_PER_USER = "1";
process.env.APP_MAX_PER_USER = "2";

const made = new Set<string>();
withMigratedDatabase();
afterAll(async () => {
  for (const id of made) await deleteApp(id);
  rmSync(scratch, { recursive: true, force: true });
});

const run = Date.now().toString(36);
const appId = (name: string) => {
  const id = `h-${name}-${run}`;
  made.add(id);
  return id;
};

function createRequest(fields: Record<string, string>, zip: Buffer, headers: Record<string, string> = { "x-api-key": API_KEY }): Request {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append("code", new Blob([new Uint8Array(zip)], { type: "application/zip" }), "code.zip");
  return new Request("http://localhost/api/apps", { method: "POST", body: form, headers });
}

const docker = (...args: string[]) => execFileSync("docker", args, { encoding: "utf8" }).trim();

const SERVE = 'CMD ["python3", "-m", "http.server", "9000"]\n';

/** Deploys a `docker` app from a Dockerfile FROM the webapp-python image and returns its row when the deploy ends. */
async function deployDockerfile(name: string, steps: string) {
  const id = appId(name);
  const zip = makeZip([{ name: "Dockerfile", content: `ARG BASE_IMAGE\nFROM \${BASE_IMAGE}\n${steps}${SERVE}` }]);
  const response = await createAppRoute(createRequest({ id, app_type: "docker", port: "9000" }, zip), noParams);
  expect(response.status).toBe(201);
  await pendingDeploy(id);
  return getPrisma().app.findUniqueOrThrow({ where: { id } });
}

describe("a build's RUN steps", () => {
  it("build network: a RUN step sees no network interface but lo", async () => {
    const app = await deployDockerfile("nonet", 'RUN test "$(ls /sys/class/net)" = "lo"\n');
    expect(app.status, app.statusReason ?? "").toBe("running");
  }, 180_000);

  it("fork bomb: a RUN step forking past BUILD_PIDS fails the build, saying it reached its process limit", async () => {
    // Bounded (2000), so that without the limit the build would succeed and this test fail.
    const bomb = "import os, time\\nfor i in range(2000):\\n    if os.fork() == 0:\\n        time.sleep(30)\\n        os._exit(0)\\n";
    const before = readdirBuilds();
    const app = await deployDockerfile("forkbomb", `RUN printf '${bomb}' > /tmp/bomb.py && python3 /tmp/bomb.py\n`);
    expect(app.status).toBe("failed");
    expect(app.statusReason).toMatch(/The build reached its limit of 128 processes/);
    // This build's cgroup is gone (another checkout's build may hold one of its own meanwhile).
    expect(readdirBuilds().filter((dir) => !before.includes(dir))).toEqual([]);
  }, 180_000);

  it("memory bomb: a RUN step using more than BUILD_MEMORY is killed and the build fails saying so", async () => {
    const app = await deployDockerfile("membomb", `RUN python3 -c "b = b'x' * (1024 ** 3)"\n`);
    expect(app.status).toBe("failed");
    expect(app.statusReason).toMatch(/more than the build's 256 MiB of memory/);
  }, 180_000);

  it("log flood: a build printing megabytes leaves a log capped at BUILD_LOG_MAX_BYTES with a marker", async () => {
    const app = await deployDockerfile("logflood", `RUN python3 -c "print(('x' * 1000 + chr(10)) * 5000)"\n`);
    expect(app.status, app.statusReason ?? "").toBe("running");
    const log = appPaths(getSettings(), app.id).buildLog;
    expect(statSync(log).size).toBeLessThan(64 * 1024 + 4096);
    expect(readFileSync(log, "utf8")).toContain("[runnel] the build log reached its limit of 65536 bytes");
  }, 180_000);

  it("build flood: one account's second build waits as a visible `queued` app (API and build log) until its first is done", async () => {
    // The run's own id in the step, so the engine's build cache cannot skip the sleep.
    const first = deployDockerfile("slow-a", `RUN echo ${run} && sleep 6\n`);
    const second = appId("slow-b");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const zip = makeZip([{ name: "Dockerfile", content: `ARG BASE_IMAGE\nFROM \${BASE_IMAGE}\n${SERVE}` }]);
    expect((await createAppRoute(createRequest({ id: second, app_type: "docker", port: "9000" }, zip), noParams)).status).toBe(201);
    const shown = async () => (await getAppRoute(new Request(`http://localhost/api/apps/${second}`, { headers: { "x-api-key": API_KEY } }), routeParams({ id: second }))).json();
    let seen: { status: string; status_reason: string | null } | null = null;
    for (let i = 0; i < 100 && seen?.status !== "queued"; i++) {
      seen = await shown();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { BUILD_MAX_CONCURRENT } = getSettings();
    expect(seen).toMatchObject({ status: "queued", status_reason: `Waiting for a build slot: ${BUILD_MAX_CONCURRENT} builds run at once, 1 per account.` });
    expect((await first).status).toBe("running");
    await pendingDeploy(second);
    expect(await shown()).toMatchObject({ status: "running", status_reason: null });
    expect(readFileSync(appPaths(getSettings(), second).buildLog, "utf8")).toContain("[runnel] queued. Waiting for a build slot");
  }, 240_000);
});

describe("an app's own output", () => {
  it("NUL bytes an app prints before it dies are kept in its reason as U+FFFD: the app is failed, not left building", async () => {
    const id = appId("nul");
    const die = String.raw`import sys; sys.stdout.write("boom\0here\n"); sys.stdout.flush(); raise SystemExit(3)`;
    const zip = makeZip([{ name: "Dockerfile", content: `ARG BASE_IMAGE\nFROM \${BASE_IMAGE}\nCMD ${JSON.stringify(["python3", "-c", die])}\n` }]);
    expect((await createAppRoute(createRequest({ id, app_type: "docker", port: "9000" }, zip), noParams)).status).toBe(201);
    await pendingDeploy(id);
    const app = await getPrisma().app.findUniqueOrThrow({ where: { id } });
    expect(app.status).toBe("failed");
    expect(app.statusReason).toContain("boom\uFFFDhere");
  }, 180_000);
});

/** Build cgroups left behind (there must be none once a build has ended). */
function readdirBuilds(): string[] {
  return execFileSync("sh", ["-c", "ls -d /sys/fs/cgroup/*/runnel-build-* 2>/dev/null || true"], { encoding: "utf8" }).split("\n").filter(Boolean);
}

describe("an app image's own labels", () => {
  const hostileLabels = 'LABEL traefik.http.routers.pwn.rule="Host(`runnel.example.com`)" traefik.http.routers.pwn.priority="9999" runnel.owner="victim"\n';

  it("routing take-over: a Dockerfile's traefik.* label fails the build, naming the label, and reaches no container", async () => {
    const id = appId("labels");
    const zip = makeZip([{ name: "Dockerfile", content: `ARG BASE_IMAGE\nFROM \${BASE_IMAGE}\n${hostileLabels}CMD ["sleep", "600"]\n` }]);
    const response = await createAppRoute(createRequest({ id, app_type: "docker", port: "9000" }, zip), noParams);
    expect(response.status).toBe(201);
    await pendingDeploy(id);
    const app = await getPrisma().app.findUniqueOrThrow({ where: { id } });
    expect(app.status).toBe("failed");
    expect(app.statusReason).toMatch(/runnel\.owner, traefik\.http\.routers\.pwn\.priority, traefik\.http\.routers\.pwn\.rule, which only Runnel may set/);
    const selector = appSelector(getSettings(), id);
    expect(await getAppBackend().listContainers(selector)).toEqual([]);
    expect(await getAppBackend().listImages(selector)).toEqual([]);
    expect(docker("ps", "-aq", "--filter", "label=traefik.http.routers.pwn.priority")).toBe("");
  }, 180_000);

  it("routing take-over: an image built outside Runnel with a traefik.* label is never started as an app", async () => {
    const tag = `runnel-hostile-label:${run}`;
    execFileSync("docker", ["build", "-q", "-t", tag, "--label", "traefik.http.routers.pwn.rule=Host(`runnel.example.com`)", "-"], {
      input: `FROM ${imageTag("webapp-python")}\nCMD ["sleep", "600"]\n`,
    });
    const name = `runnel-hostile-label-${run}`;
    try {
      await expect(
        getAppBackend().runContainer({ image: tag, name, labels: { "runnel.kind": "app" }, port: 9000, env: {}, limits: { cpus: 0.5, memoryBytes: 128 * 1024 ** 2, pids: 64 }, readOnlyRoot: false }),
      ).rejects.toThrow(/traefik\.http\.routers\.pwn\.rule, which only Runnel may set/);
      expect(docker("ps", "-aq", "--filter", `name=${name}`)).toBe("");
    } finally {
      docker("rmi", "-f", tag);
    }
  }, 120_000);
});

describe("a notebook block's app id", () => {
  /** A notebook whose block 0 is a webapp; saving gave the block its id, which names its app. */
  async function notebookWithWebapp(cookie: string): Promise<{ notebookId: string; appId: string }> {
    const content = ["# Site", "", "```webapp static", "<h1>The owner's page</h1>", "```", ""].join("\n");
    const created = await createNotebookRoute(apiRequest("/api/notebooks", { method: "POST", cookie, body: { title: "Site", content } }), noParams);
    const notebookId = ((await created.json()) as { notebook: { id: string } }).notebook.id;
    const saved = await getPrisma().notebook.findUniqueOrThrow({ where: { id: notebookId } });
    const blockId = parseNotebook(saved.content)[0]?.id;
    if (!blockId) throw new Error("the saved webapp block has no id");
    return { notebookId, appId: notebookAppId(notebookId, blockId) };
  }

  it("id squatting: another user cannot create an app with the nb- id a notebook's block would get (409, nothing written)", async () => {
    const owner = await signUpUser("squat-owner");
    const squatter = await signUpUser("squatter");
    const { appId: id } = await notebookWithWebapp(owner.cookie);
    const zip = makeZip([{ name: "index.html", content: "<h1>squatted</h1>" }]);
    const response = await createAppRoute(createRequest({ id, app_type: "static", port: "8000" }, zip, { cookie: squatter.cookie }), noParams);
    expect(response.status).toBe(409);
    expect((await response.json()).error.message).toMatch(/"nb-" are kept for notebooks' web app blocks/);
    expect(await getPrisma().app.findUnique({ where: { id } })).toBeNull();
    expect(existsSync(appPaths(getSettings(), id).dir)).toBe(false);
  });

  it("id squatting: a block's deploy never writes into an nb- app that is not that block's (409, the squatter's row untouched)", async () => {
    const owner = await signUpUser("squat-owner");
    const squatter = await signUpUser("squatter");
    const { notebookId, appId: id } = await notebookWithWebapp(owner.cookie);
    // A row made before the prefix was reserved.
    const squatted = await getPrisma().app.create({ data: { id, name: "mine", appType: "static", port: 8000, env: {}, sourceKind: "zip", status: "stopped", ownerId: squatter.user.id } });
    try {
      const response = await deployBlockRoute(
        apiRequest(`/api/notebooks/${notebookId}/blocks/0/deploy`, { method: "POST", cookie: owner.cookie }),
        routeParams({ id: notebookId, block: "0" }),
      );
      expect(response.status).toBe(409);
      expect((await response.json()).error.message).toMatch(/taken by an app that is not this block's/);
      expect(await getPrisma().app.findUniqueOrThrow({ where: { id } })).toEqual(squatted);
      expect(existsSync(appPaths(getSettings(), id).dir)).toBe(false);
    } finally {
      await getPrisma().app.delete({ where: { id } });
    }
  });
});

describe("a running app's container", () => {
  const inContainer = (containerId: string, script: string) =>
    execFileSync("docker", ["exec", containerId, "python3", "-c", script], { encoding: "utf8", timeout: 30_000 }).trim();

  it("app to app: an app's container cannot open a connection to another app's container", async () => {
    const attacker = await deployDockerfile("icc-a", "");
    const victim = await deployDockerfile("icc-b", "");
    expect([attacker.status, victim.status]).toEqual(["running", "running"]);
    const networks = JSON.parse(docker("inspect", "-f", "{{json .NetworkSettings.Networks}}", victim.containerId!)) as Record<string, { IPAddress: string }>;
    const victimAddress = Object.values(networks)[0]!.IPAddress;
    expect(victimAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const probe = `import socket\ntry:\n    socket.create_connection(("${victimAddress}", 9000), timeout=3)\n    print("connected")\nexcept OSError as e:\n    print("refused", e)`;
    expect(inContainer(attacker.containerId!, probe)).toMatch(/^refused/);
    // The host (the built-in proxy's side) still reaches the victim.
    expect((await fetch(`http://127.0.0.1:${victim.hostPort}/`)).status).toBe(200);
  }, 240_000);

  it("app to Runnel: an app's container cannot open a connection to Runnel's listening address, even with HOST=0.0.0.0", async () => {
    // Runnel's own listener, as server.ts opens it with HOST=0.0.0.0: the address an app could reach
    // through its bridge's gateway or the host's own addresses. (The default, 127.0.0.1, is out of reach anyway.)
    const runnel = createHttpServer((_request, response) => response.end("runnel"));
    runnel.listen(0, "0.0.0.0");
    await once(runnel, "listening");
    const port = (runnel.address() as AddressInfo).port;
    try {
      const app = await deployDockerfile("to-host", "");
      expect(app.status, app.statusReason ?? "").toBe("running");
      const networks = JSON.parse(docker("inspect", "-f", "{{json .NetworkSettings.Networks}}", app.containerId!)) as Record<string, { Gateway: string }>;
      expect(Object.keys(networks)).toEqual(["runnel-apps"]);
      const hostAddresses = Object.values(os.networkInterfaces())
        .flat()
        .filter((address) => address && address.family === "IPv4" && !address.internal)
        .map((address) => address!.address);
      const targets = [networks["runnel-apps"]!.Gateway, ...hostAddresses];
      expect(targets.length).toBeGreaterThan(1);
      // The host itself reaches the listener at each of those addresses, so a refusal below is the guard's.
      for (const target of targets) expect(await (await fetch(`http://${target}:${port}/`)).text()).toBe("runnel");
      const probe = `import socket\nfor host in ${JSON.stringify(targets)}:\n    try:\n        socket.create_connection((host, ${port}), timeout=3)\n        print(host, "connected")\n    except OSError as e:\n        print(host, "refused")`;
      expect(inContainer(app.containerId!, probe).split("\n")).toEqual(targets.map((target) => `${target} refused`));
      // The built-in proxy's way in (the port published on 127.0.0.1) still reaches the app.
      expect((await fetch(`http://127.0.0.1:${app.hostPort}/`)).status).toBe(200);
    } finally {
      runnel.close();
    }
  }, 240_000);

  it("flat network: an app is never attached to a DOCKER_NETWORK that lets containers reach each other (refused, saying why)", async () => {
    const app = await deployDockerfile("flat", "");
    expect(app.status, app.statusReason ?? "").toBe("running");
    const flat = `runnel-flat-${run}`;
    docker("network", "create", "--label", "runnel.kind=test", flat);
    try {
      const spec = { image: app.imageTag!, name: `runnel-flat-${run}`, labels: { "runnel.kind": "test" }, port: 9000, env: {}, limits: { cpus: 0.5, memoryBytes: 128 * 1024 ** 2, pids: 64 }, readOnlyRoot: true, network: flat };
      await expect(getAppBackend().runContainer(spec)).rejects.toThrow(`The Docker network "${flat}" (DOCKER_NETWORK) lets its containers reach each other`);
      expect(docker("network", "inspect", "-f", "{{len .Containers}}", flat)).toBe("0");
      expect(docker("ps", "-aq", "--filter", `name=runnel-flat-${run}`)).toBe("");
    } finally {
      docker("network", "rm", flat);
    }
  }, 180_000);

  it("root in an app: a docker app whose Dockerfile says USER root runs as uid 1000", async () => {
    const app = await deployDockerfile("root", "USER root\n");
    expect(app.status, app.statusReason ?? "").toBe("running");
    expect(inContainer(app.containerId!, "import os; print(os.getuid(), os.getgid())")).toBe("1000 1000");
  }, 180_000);

  it("a static app's root is read-only, its /tmp writable, and it holds no capabilities", async () => {
    const id = appId("readonly");
    const response = await createAppRoute(createRequest({ id, app_type: "static", port: "8000" }, makeZip([{ name: "index.html", content: "<h1>ro</h1>" }])), noParams);
    expect(response.status).toBe(201);
    await pendingDeploy(id);
    const app = await getPrisma().app.findUniqueOrThrow({ where: { id } });
    expect(app.status, app.statusReason ?? "").toBe("running");
    const probe = `import os\nfor p in ("/app/x", "/tmp/x"):\n    try:\n        open(p, "w").close(); print(p, "written")\n    except OSError: print(p, "refused")\nprint([l for l in open("/proc/self/status") if l.startswith("CapEff")][0].split()[1])`;
    expect(inContainer(app.containerId!, probe).split("\n")).toEqual(["/app/x refused", "/tmp/x written", "0000000000000000"]);
  }, 180_000);
});

describe("a Git source", () => {
  it("git SSRF: a git_url naming a loopback service is refused before any connection, quoting neither address nor port", async () => {
    let connections = 0;
    const inside = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    inside.listen(0, "127.0.0.1");
    await new Promise((resolve) => inside.once("listening", resolve));
    const port = (inside.address() as { port: number }).port;
    try {
      for (const url of [`https://localhost:${port}/o/r.git`, `https://127.0.0.1:${port}/o/r.git`, `https://[::1]:${port}/o/r.git`, `https://0x7f000001:${port}/o/r.git`]) {
        const id = appId("ssrf");
        const form = new FormData();
        for (const [key, value] of Object.entries({ id, app_type: "static", git_url: url, git_branch: "main" })) form.append(key, value);
        const response = await createAppRoute(new Request("http://localhost/api/apps", { method: "POST", body: form, headers: { "x-api-key": API_KEY } }), noParams);
        expect(response.status, url).toBe(400);
        const message = (await response.json()).error.message as string;
        expect(message).toMatch(/loopback, private or link-local network/);
        expect(message).not.toContain(String(port));
        expect(message).not.toMatch(/127\.0\.0\.1|::1/);
        expect(await getPrisma().app.findUnique({ where: { id } })).toBeNull();
      }
      expect(connections).toBe(0);
    } finally {
      inside.close();
    }
  }, 60_000);
});

describe("an account's apps", () => {
  it("app flood: past APP_MAX_PER_USER apps an account gets 429 with a sentence, and nothing is written", async () => {
    const user = await signUpUser("flooder");
    const zip = makeZip([{ name: "index.html", content: "<h1>one of many</h1>" }]);
    for (const name of ["flood-1", "flood-2"]) {
      expect((await createAppRoute(createRequest({ id: appId(name), app_type: "static", port: "8000" }, zip, { cookie: user.cookie }), noParams)).status).toBe(201);
    }
    const id = appId("flood-3");
    const refused = await createAppRoute(createRequest({ id, app_type: "static", port: "8000" }, zip, { cookie: user.cookie }), noParams);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
    expect((await refused.json()).error.message).toBe("You have 2 apps, the most an account may have (2). Delete one to make another.");
    expect(await getPrisma().app.findUnique({ where: { id } })).toBeNull();
    expect(existsSync(appPaths(getSettings(), id).dir)).toBe(false);
    await Promise.all([pendingDeploy(appId("flood-1")), pendingDeploy(appId("flood-2"))]);
  }, 180_000);
});

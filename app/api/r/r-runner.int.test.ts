import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getArtifact } from "@/app/api/r/artifacts/[runId]/[name]/route";
import { POST as runRoute } from "@/app/api/r/run/route";
import { GET as systemRoute } from "@/app/api/r/system/route";
import { createApiToken } from "@/lib/auth/create-api-token";
import { getSettings } from "@/lib/config/settings";
import { getDocker } from "@/lib/containers/docker-client";
import { runsDir } from "@/lib/artifacts/r-run-artifacts";
import { rSandboxesRemoved } from "@/lib/r-runner/r-sandboxes";
import type { RunReply } from "@/lib/r-runner/run-r-script";
import { instanceLabel } from "@/lib/sessions/sandbox-spec";
import { apiRequest, noParams, routeParams, signUpUser, withMigratedDatabase } from "@/test/route-requests";

// Settings are read once per test file, on first use: these hold for every test below.
const RUNNER_TOKEN = "runner-token-for-tests-0123456789";
// Short for the infinite loop, with room for R's start-up on a busy machine (the concurrent
// runs have their own file and the default timeout).
const TIMEOUT_SECONDS = 5;
process.env.RUNNER_TOKEN = RUNNER_TOKEN;
process.env.RUNNER_SCRIPT_IMAGE = "r-base";
process.env.RUN_TIMEOUT_SECONDS = String(TIMEOUT_SECONDS);
process.env.MAX_ARTIFACT_BYTES = "100000";
process.env.PUBLIC_BASE_URL = "http://runner.test:8000";

withMigratedDatabase();

const storedRuns = new Set<string>();
let userToken: string;
let otherToken: string;

beforeAll(async () => {
  const [user, other] = await Promise.all([signUpUser("r-user"), signUpUser("r-other")]);
  userToken = (await createApiToken(user.user.id, { name: "r runner" })).token;
  otherToken = (await createApiToken(other.user.id, { name: "r runner" })).token;
});

afterAll(async () => {
  await Promise.all([...storedRuns].map((runId) => rm(path.join(runsDir(getSettings().dataDir), runId), { recursive: true, force: true })));
});

async function post(body: unknown, token: string | undefined): Promise<Response> {
  return runRoute(apiRequest("/api/r/run", { method: "POST", body, token }), noParams);
}

async function run(script: string, token: string = RUNNER_TOKEN): Promise<RunReply> {
  const response = await post({ script }, token);
  expect(response.status).toBe(200);
  const reply = (await response.json()) as RunReply;
  for (const { url } of reply.artifacts) storedRuns.add(new URL(url).pathname.split("/")[4]!);
  return reply;
}

/** Fetches an artifact by the URL the reply gave, through the route. */
async function fetchArtifact(url: string, token?: string): Promise<Response> {
  const { pathname } = new URL(url);
  const [runId, name] = pathname.replace("/api/r/artifacts/", "").split("/") as [string, string];
  return getArtifact(apiRequest(pathname, { token }), routeParams({ runId, name }));
}

const runLabels = () => [`runnel.kind=r-run`, `runnel.instance=${instanceLabel(getSettings())}`];

/** R run containers still there once the removals the runs started (after replying) are done. */
async function leftoverContainers(): Promise<number> {
  await rSandboxesRemoved();
  return (await getDocker().listContainers({ all: true, filters: { label: runLabels() } })).length;
}

/** R run containers the engine created between two moments (from its event log). */
async function containersCreatedBetween(since: number, until: number): Promise<number> {
  const events = (await getDocker().getEvents({
    since: Math.floor(since / 1000),
    until: Math.ceil(until / 1000),
    filters: { type: ["container"], event: ["create"], label: runLabels() },
  })) as unknown as NodeJS.ReadableStream;
  let text = "";
  for await (const chunk of events) text += chunk.toString();
  return text.split("\n").filter((line) => line.trim()).length;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("POST /api/r/run", () => {
  it("runs hello world in one fresh container, removed afterwards", async () => {
    const since = Date.now();
    const reply = await run('cat("hello world\\n")');
    expect(reply).toMatchObject({ ok: true, exit_code: 0, stdout: "hello world\n", stderr: "", runtime_stderr: "", timed_out: false, artifacts: [] });
    expect(reply.duration_ms).toBeGreaterThan(0);
    expect(await containersCreatedBetween(since, Date.now() + 1000)).toBe(1);
    expect(await leftoverContainers()).toBe(0);
  });

  it("keeps stderr apart from stdout", async () => {
    const reply = await run('cat("out\\n"); message("err"); cat("more out\\n", file = stdout()); cat("more err\\n", file = stderr())');
    expect(reply.stdout).toBe("out\nmore out\n");
    expect(reply.stderr).toBe("err\nmore err\n");
  });

  it("answers quit(status = 3) with exit code 3", async () => {
    const reply = await run('cat("bye\\n"); quit(status = 3)');
    expect(reply).toMatchObject({ ok: false, exit_code: 3, stdout: "bye\n", timed_out: false, runtime_stderr: "" });
  });

  it("reports a syntax error on stderr with a non-zero exit and nothing as a runtime failure", async () => {
    const reply = await run('cat("before\\n")\nx <- (1 +\n');
    expect(reply.ok).toBe(false);
    expect(reply.exit_code).not.toBe(0);
    expect(reply.stderr).toMatch(/Error|unexpected/);
    expect(reply.runtime_stderr).toBe("");
  });

  it("stops an infinite loop at the timeout, within 3 s of it, and leaves no container", async () => {
    const started = Date.now();
    const reply = await run('cat("looping\\n")\nwhile (TRUE) {}');
    const elapsed = Date.now() - started;
    expect(reply).toMatchObject({ ok: false, timed_out: true, exit_code: null });
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_SECONDS * 1000);
    expect(elapsed).toBeLessThan((TIMEOUT_SECONDS + 3) * 1000);
    expect(reply.notes.join(" ")).toContain("RUN_TIMEOUT_SECONDS");
    expect(await leftoverContainers()).toBe(0);
  });

  it("refuses a 600 kB script with 413 before starting anything", async () => {
    const since = Date.now();
    const script = `# ${"x".repeat(600_000)}\ncat(1)`;
    const response = await post({ script }, RUNNER_TOKEN);
    expect(response.status).toBe(413);
    expect((await response.json()).error).toEqual({
      code: "payload_too_large",
      message: `The script is ${Buffer.byteLength(script).toLocaleString("en-US")} bytes, more than the 500,000 bytes a script may have (MAX_SCRIPT_BYTES).`,
    });
    expect(await containersCreatedBetween(since, Date.now() + 1000)).toBe(0);
  });

  it("refuses a request too large for any allowed script with 413 naming MAX_SCRIPT_BYTES as it is set, not the body's bound", async () => {
    const response = await post({ script: `# ${"x".repeat(3_200_000)}` }, RUNNER_TOKEN);
    expect(response.status).toBe(413);
    expect((await response.json()).error.message).toBe("The request is larger than a script of at most 500,000 bytes (MAX_SCRIPT_BYTES) needs; send a smaller script.");
  });

  it("takes a script within MAX_SCRIPT_BYTES however much JSON's escapes grow it", async () => {
    // 499,990 control characters: each is six bytes of JSON (\u0001), three MB of body.
    const script = `#${"\u0001".repeat(499_990)}\ncat(1)`;
    expect(Buffer.byteLength(script)).toBeLessThanOrEqual(500_000);
    expect(await run(script)).toMatchObject({ ok: true, stdout: "1" });
  });

  it("answers 401 without a token or with a wrong one", async () => {
    expect((await post({ script: "cat(1)" }, undefined)).status).toBe(401);
    expect((await post({ script: "cat(1)" }, "not-the-runner-token")).status).toBe(401);
    expect((await post({ script: "cat(1)" }, `rnl_${"a".repeat(43)}`)).status).toBe(401);
  });

  it("accepts a Runnel API token", async () => {
    expect(await run("cat(2 + 2)", userToken)).toMatchObject({ ok: true, stdout: "4" });
  });

  it("turns plot(1:10) into a PNG artifact served at its URL", async () => {
    const reply = await run("plot(1:10)");
    expect(reply.ok).toBe(true);
    expect(reply.artifacts).toHaveLength(1);
    const [artifact] = reply.artifacts;
    expect(artifact).toMatchObject({ name: "plot-001.png", mime: "image/png" });
    expect(artifact!.url).toMatch(/^http:\/\/runner\.test:8000\/api\/r\/artifacts\/[0-9a-f-]{36}\/plot-001\.png$/);
    const response = await fetchArtifact(artifact!.url, RUNNER_TOKEN);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(bytes.length).toBe(artifact!.bytes);
  });

  it("serves an artifact to the user who ran it and to the runner token, and to no one else", async () => {
    const reply = await run('writeLines("mine", file.path(Sys.getenv("RUNNER_OUTPUT_DIR"), "note.txt"))', userToken);
    const url = reply.artifacts[0]!.url;
    expect((await fetchArtifact(url, userToken)).status).toBe(200);
    expect(await (await fetchArtifact(url, RUNNER_TOKEN)).text()).toBe("mine\n");
    expect((await fetchArtifact(url, otherToken)).status).toBe(404);
    expect((await fetchArtifact(url)).status).toBe(401);
  });

  it("keeps only MAX_ARTIFACT_COUNT of 12 artifacts and says which were dropped", async () => {
    const reply = await run('for (i in 1:12) writeLines("x", sprintf("output/f%02d.txt", i))');
    expect(reply.artifacts.map((a) => a.name)).toEqual(Array.from({ length: 10 }, (_, i) => `f${String(i + 1).padStart(2, "0")}.txt`));
    for (const dropped of ["f11", "f12"]) {
      expect(reply.notes).toContainEqual(expect.stringMatching(new RegExp(`^Skipped "${dropped}\\.txt": only 10 output files are kept`)));
    }
  });

  it("drops an artifact over MAX_ARTIFACT_BYTES with a note and keeps the rest", async () => {
    const reply = await run(
      'out <- Sys.getenv("RUNNER_OUTPUT_DIR")\nwriteBin(as.raw(rep(1L, 200000)), file.path(out, "big.bin"))\nwriteLines("ok", file.path(out, "small.txt"))',
    );
    expect(reply.ok).toBe(true);
    expect(reply.artifacts.map((a) => a.name)).toEqual(["small.txt"]);
    expect(reply.notes).toContainEqual(expect.stringMatching(/^Skipped "big\.bin": it is larger than 100000 bytes/));
  });
});

describe("GET /api/r/system", () => {
  it("lists the image's R version and packages with versions", async () => {
    const response = await systemRoute(apiRequest("/api/r/system", { token: RUNNER_TOKEN }), noParams);
    expect(response.status).toBe(200);
    const system = await response.json();
    expect(system.r_version).toMatch(/^4\.\d+\.\d+$/);
    expect(system.image).toMatch(/^runnel-r-base:[0-9a-f]{12}$/);
    expect(system.packages).toContainEqual({ name: "jsonlite", version: expect.stringMatching(/^\d/) });
    expect(system.packages).toContainEqual({ name: "base", version: system.r_version });
  });

  it("needs a token", async () => {
    expect((await systemRoute(apiRequest("/api/r/system"), noParams)).status).toBe(401);
  });
});

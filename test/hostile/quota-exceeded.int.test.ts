import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as runBlockRoute } from "@/app/api/executions/route";
import { POST as createNotebookRoute } from "@/app/api/notebooks/route";
import { DELETE as closeSessionRoute, POST as openSessionRoute } from "@/app/api/notebooks/[id]/session/route";
import { POST as runRRoute } from "@/app/api/r/run/route";
import { GET as healthRoute } from "@/app/api/health/route";
import { createApiToken } from "@/lib/auth/create-api-token";
import { getSettings } from "@/lib/config/settings";
import { getDocker } from "@/lib/containers/docker-client";
import { getPrisma } from "@/lib/db/client";
import { startExecution } from "@/lib/executions/start-execution";
import type { StreamEvent } from "@/lib/executions/stream-events";
import { rSandboxesRemoved } from "@/lib/r-runner/r-sandboxes";
import type { RunReply } from "@/lib/r-runner/run-r-script";
import { instanceLabel } from "@/lib/sessions/sandbox-spec";
import { endLiveSessions } from "@/lib/sessions/end-live-sessions";
import { apiRequest, noParams, routeParams, signUpUser, withMigratedDatabase, type SignedUpUser } from "@/test/route-requests";

// One account opening session after session, one session running block after block, one caller
// (or many) posting R scripts at once: each stops at its limit with a 429 that names the limit
// and says how to free it, leaves no container behind, and the same user can still run code.
// Settings are read once per file: these small limits hold for every test below.
const RUNNER_TOKEN = "runner-token-for-quota-tests-0123456789";
process.env.MAX_SESSIONS_PER_USER = "2";
process.env.MAX_SESSIONS = "3";
process.env.MAX_RUNS_PER_SESSION = "1";
process.env.MAX_R_RUNS_PER_CALLER = "1";
process.env.MAX_R_RUNS = "2";
process.env.RUNNER_TOKEN = RUNNER_TOKEN;
process.env.RUNNER_SCRIPT_IMAGE = "r-base";
process.env.RUN_TIMEOUT_SECONDS = "60";

withMigratedDatabase();

const fence = "```";
// Isolated: the ok block runs on its own, not after the sleeper above it as a stale chain would.
const content = ["---", "state: isolated", "---", `${fence}runnable bash`, "sleep 120", fence, `${fence}runnable python`, "print('ok')", fence].join("\n");
const SLEEP_BLOCK = 0;
const OK_BLOCK = 1;

let alice: SignedUpUser;
let bob: SignedUpUser;

beforeAll(async () => {
  // The host-wide count is of every live session in this database: start from none.
  await endLiveSessions("Ended before the quota tests.");
  await getPrisma().session.updateMany({ where: { status: { not: "ended" } }, data: { status: "ended", endedReason: "test reset" } });
  [alice, bob] = await Promise.all([signUpUser("quota-alice"), signUpUser("quota-bob")]);
}, 60_000);

afterAll(async () => {
  await endLiveSessions("Quota tests are over.");
}, 60_000);

async function openSession(user: SignedUpUser, notebookId: string): Promise<Response> {
  return openSessionRoute(apiRequest(`/api/notebooks/${notebookId}/session`, { method: "POST", cookie: user.cookie }), routeParams({ id: notebookId }));
}

async function closeSession(user: SignedUpUser, notebookId: string): Promise<void> {
  const response = await closeSessionRoute(
    apiRequest(`/api/notebooks/${notebookId}/session`, { method: "DELETE", cookie: user.cookie }),
    routeParams({ id: notebookId }),
  );
  expect(response.status).toBe(204);
}

// Through the route, not test/fixtures: that migrates with a second PGlite opener of the directory.
async function notebookOf(user: SignedUpUser): Promise<string> {
  const response = await createNotebookRoute(
    apiRequest("/api/notebooks", { method: "POST", cookie: user.cookie, body: { title: "Quota", content } }),
    noParams,
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { notebook: { id: string } }).notebook.id;
}

async function sessionContainers(userId: string): Promise<number> {
  const found = await getDocker().listContainers({
    all: true,
    filters: { label: [`runnel.owner=${userId}`, `runnel.instance=${instanceLabel(getSettings())}`] },
  });
  return found.length;
}

async function runBlock(user: SignedUpUser, sessionId: string, blockIndex: number): Promise<Response> {
  return runBlockRoute(apiRequest("/api/executions", { method: "POST", cookie: user.cookie, body: { sessionId, blockIndex } }), noParams);
}

async function expectOk(user: SignedUpUser, sessionId: string): Promise<void> {
  const response = await runBlock(user, sessionId, OK_BLOCK);
  expect(response.status).toBe(200);
  const events = (await response.text()).trim().split("\n").map((line) => JSON.parse(line) as StreamEvent);
  expect(events.map((e) => (e.type === "output" ? e.data : "")).join("")).toBe("ok\n");
  expect((await healthRoute(apiRequest("/api/health"), noParams)).status).toBe(200);
}

async function expectRefused(response: Response, limit: string): Promise<string> {
  expect(response.status).toBe(429);
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  const { error } = (await response.json()) as { error: { code: string; message: string } };
  expect(error.code).toBe("rate_limited");
  expect(error.message).toContain(limit);
  return error.message;
}

describe("a quota exceeded", () => {
  let aliceSessionId: string;

  it("one account opening more sessions than MAX_SESSIONS_PER_USER gets a 429 and no container", async () => {
    const notebooks = [await notebookOf(alice), await notebookOf(alice), await notebookOf(alice)];
    for (const id of notebooks.slice(0, 2)) expect((await openSession(alice, id)).status).toBe(201);
    const message = await expectRefused(await openSession(alice, notebooks[2]!), "MAX_SESSIONS_PER_USER");
    expect(message).toMatch(/Disconnect/);
    expect(await sessionContainers(alice.user.id)).toBe(2);
    expect(await getPrisma().session.count({ where: { userId: alice.user.id, status: { not: "ended" } } })).toBe(2);

    // Disconnecting one frees its place.
    await closeSession(alice, notebooks[0]!);
    const reopened = await openSession(alice, notebooks[2]!);
    expect(reopened.status).toBe(201);
    aliceSessionId = ((await reopened.json()) as { session: { id: string } }).session.id;
    await expectOk(alice, aliceSessionId);
  }, 120_000);

  it("sessions past the host's MAX_SESSIONS get a 429 for everybody, and no container", async () => {
    // Alice holds two; Bob's first is the host's third and last.
    const [first, second] = [await notebookOf(bob), await notebookOf(bob)];
    expect((await openSession(bob, first)).status).toBe(201);
    await expectRefused(await openSession(bob, second), "MAX_SESSIONS");
    expect(await sessionContainers(bob.user.id)).toBe(1);
    await expectOk(alice, aliceSessionId);
  }, 120_000);

  it("a second block run at once past MAX_RUNS_PER_SESSION gets a 429 and leaves the first running", async () => {
    const sleeper = await startExecution({ userId: alice.user.id, sessionId: aliceSessionId, block: { index: SLEEP_BLOCK } });
    const events: StreamEvent[] = [];
    const drained = (async () => {
      for await (const event of sleeper.events) events.push(event);
    })();
    await expectRefused(await runBlock(alice, aliceSessionId, OK_BLOCK), "MAX_RUNS_PER_SESSION");
    expect(await getPrisma().execution.count({ where: { sessionId: aliceSessionId, blockIndex: OK_BLOCK, status: "running" } })).toBe(0);

    sleeper.cancel();
    await drained;
    expect(events.at(-1)).toMatchObject({ type: "exit", cancelled: true });
    await expectOk(alice, aliceSessionId);
  }, 120_000);

  describe("R scripts", () => {
    let aliceToken: string;
    let bobToken: string;

    beforeAll(async () => {
      aliceToken = (await createApiToken(alice.user.id, { name: "quota" })).token;
      bobToken = (await createApiToken(bob.user.id, { name: "quota" })).token;
    });

    async function postScript(script: string, token: string): Promise<Response> {
      return runRRoute(apiRequest("/api/r/run", { method: "POST", body: { script }, token }), noParams);
    }

    async function expectCat(token: string): Promise<void> {
      const response = await postScript("cat(1)", token);
      expect(response.status).toBe(200);
      expect(((await response.json()) as RunReply).stdout).toBe("1");
    }

    // Long enough to send the refused script while it runs (its container is seen first).
    const HOLD = 'Sys.sleep(8); cat("held")';

    async function rContainers(settled = false): Promise<number> {
      if (settled) await rSandboxesRemoved();
      const found = await getDocker().listContainers({
        all: true,
        filters: { label: ["runnel.kind=r-run", `runnel.instance=${instanceLabel(getSettings())}`] },
      });
      return found.length;
    }

    it("a caller posting a second script at once past MAX_R_RUNS_PER_CALLER gets a 429 and no container", async () => {
      const held = postScript(HOLD, aliceToken);
      await waitFor(async () => (await rContainers()) === 1);
      await expectRefused(await postScript("cat(2)", aliceToken), "MAX_R_RUNS_PER_CALLER");
      expect(await rContainers()).toBe(1);
      expect((await held).status).toBe(200);
      await expectCat(aliceToken);
    }, 120_000);

    it("scripts past the host's MAX_R_RUNS get a 429 whoever sends them, and no container", async () => {
      const held = [postScript(HOLD, aliceToken), postScript(HOLD, bobToken)];
      await waitFor(async () => (await rContainers()) === 2);
      await expectRefused(await postScript("cat(3)", RUNNER_TOKEN), "MAX_R_RUNS");
      expect(await rContainers()).toBe(2);
      for (const response of await Promise.all(held)) expect(response.status).toBe(200);
      await expectCat(RUNNER_TOKEN);
      expect(await rContainers(true)).toBe(0);
    }, 120_000);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out waiting for a condition");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

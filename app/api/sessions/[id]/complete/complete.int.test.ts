// Completion from the kernels through POST /api/sessions/:id/complete: real engine, real kernels,
// and the same access rule as running (only the session's own user, while they may run).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as openSessionRoute } from "@/app/api/notebooks/[id]/session/route";
import { POST as shareRoute } from "@/app/api/notebooks/[id]/shares/route";
import { DELETE as unshareRoute } from "@/app/api/notebooks/[id]/shares/[userId]/route";
import { POST as createNotebookRoute } from "@/app/api/notebooks/route";
import { POST as completeRoute } from "@/app/api/sessions/[id]/complete/route";
import { startExecution } from "@/lib/executions/start-execution";
import { endSession } from "@/lib/sessions/end-session";
import { kernelStates } from "@/lib/sessions/kernel-state";
import { apiRequest, noParams, routeParams, signUpUser, withMigratedDatabase, type SignedUpUser } from "@/test/route-requests";

withMigratedDatabase();

const fence = "```";
// A shared notebook (the default): connecting warms the python, r and node kernels it uses; bash has none.
const content = [
  "# Completion",
  `${fence}runnable python`,
  "import os\nrunnel_answer = 42",
  fence,
  `${fence}runnable r`,
  "runnel_total <- 41",
  fence,
  `${fence}runnable node`,
  "const runnelNodeValue = 1",
  fence,
  `${fence}runnable python`,
  "import time\ntime.sleep(4)",
  fence,
].join("\n");

let owner: SignedUpUser;
let viewer: SignedUpUser;
let stranger: SignedUpUser;
let notebookId: string;
let sessionId: string;
let viewerSessionId: string;
const sessions: string[] = [];

type Completion = { status: string; from: number; to: number; matches: { text: string; type?: string }[] };

async function complete(who: SignedUpUser | null, session: string, body: unknown): Promise<{ status: number; body: Completion & { error?: { message: string } } }> {
  const response = await completeRoute(
    apiRequest(`/api/sessions/${session}/complete`, { method: "POST", cookie: who?.cookie, body }),
    routeParams({ id: session }),
  );
  return { status: response.status, body: await response.json() };
}

async function openSession(who: SignedUpUser): Promise<string> {
  const response = await openSessionRoute(apiRequest(`/api/notebooks/${notebookId}/session`, { method: "POST", cookie: who.cookie }), routeParams({ id: notebookId }));
  expect(response.status).toBeLessThan(300);
  const { session } = (await response.json()) as { session: { id: string } };
  sessions.push(session.id);
  return session.id;
}

async function runBlock(userId: string, session: string, index: number): Promise<number | null | undefined> {
  const handle = await startExecution({ userId, sessionId: session, block: { index } });
  let exitCode: number | null | undefined;
  for await (const event of handle.events) if (event.type === "exit") exitCode = event.exitCode;
  return exitCode;
}

/** The code with the match put in place, as the editor does it. */
const applied = (code: string, reply: Completion, text: string) => code.slice(0, reply.from) + text + code.slice(reply.to);

beforeAll(async () => {
  [owner, viewer, stranger] = await Promise.all([signUpUser("owner"), signUpUser("viewer"), signUpUser("stranger")]);
  const created = await createNotebookRoute(apiRequest("/api/notebooks", { method: "POST", cookie: owner.cookie, body: { title: "Completion", content } }), noParams);
  notebookId = ((await created.json()) as { notebook: { id: string } }).notebook.id;
  const shared = await shareRoute(
    apiRequest(`/api/notebooks/${notebookId}/shares`, { method: "POST", cookie: owner.cookie, body: { email: viewer.email, role: "viewer" } }),
    routeParams({ id: notebookId }),
  );
  expect(shared.status).toBe(201);
  sessionId = await openSession(owner);
  viewerSessionId = await openSession(viewer);
  // Run the first three blocks, so each kernel holds the notebook's names.
  for (const index of [0, 1, 2]) expect(await runBlock(owner.user.id, sessionId, index)).toBe(0);
}, 180_000);

afterAll(async () => {
  for (const id of sessions) await endSession(id, "test over").catch(() => undefined);
});

describe("POST /api/sessions/:id/complete", { timeout: 60_000 }, () => {
  it("completes python from the running kernel: os.pa offers path, and the kernel's own names", async () => {
    const code = "import os\nos.pa";
    const { status, body } = await complete(owner, sessionId, { runtime: "python", code, cursor: code.length });
    expect(status).toBe(200);
    expect(body.status).toBe("ok");
    expect(body.matches.map((m) => applied(code, body, m.text))).toContain("import os\nos.path");
    const names = await complete(owner, sessionId, { runtime: "python", code: "runnel_an", cursor: 9 });
    expect(names.body.matches.map((m) => applied("runnel_an", names.body, m.text))).toContain("runnel_answer");
  });

  it("completes R from IRkernel: the session's variables and R's own", async () => {
    const { body } = await complete(owner, sessionId, { runtime: "r", code: "x <- runnel_to", cursor: 14 });
    expect(body.status).toBe("ok");
    expect(body.matches.map((m) => applied("x <- runnel_to", body, m.text))).toContain("x <- runnel_total");
    const builtin = await complete(owner, sessionId, { runtime: "r", code: "head(mtca", cursor: 9 });
    expect(builtin.body.matches.map((m) => applied("head(mtca", builtin.body, m.text))).toContain("head(mtcars");
  });

  it("completes node from its kernel's globals", async () => {
    const { body } = await complete(owner, sessionId, { runtime: "node", code: "runnelNode", cursor: 10 });
    expect(body.status).toBe("ok");
    expect(body.matches.map((m) => m.text)).toContain("runnelNodeValue");
  });

  it("counts the cursor in UTF-16 (as the editor does) around characters outside the BMP", async () => {
    const code = "s = '😀😀'\nos.pa";
    const { body } = await complete(owner, sessionId, { runtime: "python", code, cursor: code.length });
    expect(body.matches.map((m) => applied(code, body, m.text))).toContain("s = '😀😀'\nos.path");
  });

  it("answers empty at once while a block runs in the kernel, instead of waiting for it", async () => {
    const running = runBlock(owner.user.id, sessionId, 3);
    // The block is running once its kernel says busy.
    for (let i = 0; i < 100 && !(await kernelStates(sessionId)).some((k) => k.runtime === "python" && k.state === "busy"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const asked = performance.now();
    const { status, body } = await complete(owner, sessionId, { runtime: "python", code: "os.pa", cursor: 5 });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "busy", matches: [] });
    expect(performance.now() - asked).toBeLessThan(3000);
    expect(await running).toBe(0);
  });

  it("never starts a kernel to complete: a language not running answers empty and stays not running", async () => {
    const { body } = await complete(viewer, viewerSessionId, { runtime: "bash", code: "ec", cursor: 2 });
    expect(body).toMatchObject({ status: "no-kernel", matches: [] });
    expect((await kernelStates(viewerSessionId)).map((k) => k.runtime)).not.toContain("bash");
  });

  it("is refused to anyone but the session's own user, and to them once they may no longer run", async () => {
    const body = { runtime: "python", code: "os.pa", cursor: 5 };
    expect((await complete(stranger, sessionId, body)).status).toBe(404);
    expect((await complete(viewer, sessionId, body)).status).toBe(404);
    expect((await complete(null, sessionId, body)).status).toBe(401);
    expect((await complete(viewer, viewerSessionId, body)).status).toBe(200);
    const unshared = await unshareRoute(
      apiRequest(`/api/notebooks/${notebookId}/shares/${viewer.user.id}`, { method: "DELETE", cookie: owner.cookie }),
      routeParams({ id: notebookId, userId: viewer.user.id }),
    );
    expect(unshared.status).toBeLessThan(300);
    const refused = await complete(viewer, viewerSessionId, body);
    expect(refused.status).toBe(404);
    expect(refused.body.error?.message).toBe("There is no such notebook.");
  });

  it("answers a bad request with a 400 and a sentence", async () => {
    const beyond = await complete(owner, sessionId, { runtime: "python", code: "os", cursor: 3 });
    expect(beyond.status).toBe(400);
    expect(beyond.body.error?.message).toContain("cursor must be an offset inside code");
    const go = await complete(owner, sessionId, { runtime: "go", code: "fmt.", cursor: 4 });
    expect(go.status).toBe(400);
    expect(go.body.error?.message).toContain("runtime must be a language with a kernel");
  });
});

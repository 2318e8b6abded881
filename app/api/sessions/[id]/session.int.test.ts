import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { GET as getSessionById } from "@/app/api/sessions/[id]/route";
import { DELETE as closeSession, POST as openSession } from "@/app/api/notebooks/[id]/session/route";
import { getPrisma } from "@/lib/db/client";
import { createNotebook } from "@/lib/notebooks/create-notebook";
import { endSession } from "@/lib/sessions/end-session";
import { apiRequest, routeParams, signUpUser, withMigratedDatabase, type SignedUpUser } from "@/test/route-requests";

// What the session bar polls (issue 15): a session by id with its kernels' states as the agent
// reports them now, against the real engine. A kernel killed while idle shows as dead with no run.

withMigratedDatabase();

const opened: string[] = [];

afterAll(async () => {
  for (const id of opened) await endSession(id, "test over").catch(() => undefined);
});

type SessionBody = { id: string; status: string; endedReason?: string; kernels: Array<{ runtime: string; state: string; startedAt: string | null }> };

async function polled(user: SignedUpUser, id: string): Promise<{ status: number; session?: SessionBody }> {
  const reply = await getSessionById(apiRequest(`/api/sessions/${id}`, { cookie: user.cookie }), routeParams({ id }));
  return reply.status === 200 ? { status: 200, session: (await reply.json()).session } : { status: reply.status };
}

async function until(user: SignedUpUser, id: string, done: (session: SessionBody) => boolean): Promise<SessionBody> {
  let last: SessionBody | undefined;
  for (let tries = 0; tries < 120; tries++) {
    last = (await polled(user, id)).session;
    if (last && done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the session never got there: ${JSON.stringify(last)}`);
}

describe("GET /api/sessions/:id", () => {
  it("shows the kernels' states live: a kernel killed while idle is dead without a run; an ended session is answered, not 404", async () => {
    const owner = await signUpUser("session-poller");
    const stranger = await signUpUser("session-stranger");
    const notebook = await createNotebook({ ownerId: owner.user.id, content: "```runnable python\nprint(1)\n```\n" });
    const open = await openSession(apiRequest(`/api/notebooks/${notebook.id}/session`, { method: "POST", cookie: owner.cookie }), routeParams({ id: notebook.id }));
    expect(open.status).toBe(201);
    const { session } = (await open.json()) as { session: SessionBody };
    opened.push(session.id);

    const idle = await until(owner, session.id, (now) => now.kernels.some((kernel) => kernel.runtime === "python" && kernel.state === "idle"));
    expect(idle.status).toBe("ready");
    expect((await polled(stranger, session.id)).status, "someone else's session is not found").toBe(404);

    const { containerId } = await getPrisma().session.findUniqueOrThrow({ where: { id: session.id } });
    // The kernel's own process, as an OOM kill or a segfault would end it (not this script, whose text names it too).
    const kill = "import os, signal\nfor p in os.listdir('/proc'):\n    if p.isdigit() and int(p) != os.getpid():\n        try:\n            cmd = open(f'/proc/{p}/cmdline', 'rb').read()\n        except OSError:\n            continue\n        if b'ipykernel' in cmd:\n            os.kill(int(p), signal.SIGKILL)\n";
    execFileSync("docker", ["exec", containerId!, "python3", "-c", kill], { timeout: 30_000 });
    const dead = await until(owner, session.id, (now) => now.kernels.some((kernel) => kernel.runtime === "python" && kernel.state === "dead"));
    expect(await getPrisma().execution.count({ where: { sessionId: session.id } }), "no run was needed to see it").toBe(0);
    expect(dead.status).toBe("ready");

    const closed = await closeSession(apiRequest(`/api/notebooks/${notebook.id}/session`, { method: "DELETE", cookie: owner.cookie }), routeParams({ id: notebook.id }));
    expect(closed.status).toBe(204);
    const ended = await polled(owner, session.id);
    expect(ended).toMatchObject({ status: 200, session: { id: session.id, status: "ended", endedReason: "Disconnected.", kernels: [] } });
  }, 180_000);
});

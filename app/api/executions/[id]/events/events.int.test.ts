import { afterAll, describe, expect, it } from "vitest";
import { GET as followRoute } from "@/app/api/executions/[id]/events/route";
import { POST as runRoute } from "@/app/api/executions/route";
import { POST as openSessionRoute } from "@/app/api/notebooks/[id]/session/route";
import { POST as createNotebookRoute } from "@/app/api/notebooks/route";
import { getPrisma } from "@/lib/db/client";
import { readLines } from "@/lib/client/ndjson-lines";
import { endSession } from "@/lib/sessions/end-session";
import { apiRequest, noParams, routeParams, signUpUser, withMigratedDatabase, type SignedUpUser } from "@/test/route-requests";

withMigratedDatabase();

const fence = "```";
// Isolated: each block is run on its own here, with no stale chain before it.
const content = [
  "---",
  "state: isolated",
  "---",
  `${fence}runnable bash id=ticks`,
  "for i in 1 2 3 4 5 6; do echo tick $i; sleep 0.5; done",
  fence,
  "",
  `${fence}runnable bash id=sleepy timeout=2`,
  "echo sleeping; sleep 60",
  fence,
  "",
].join("\n");

type Event = { type: string; executionId?: string; data?: string; exitCode?: number | null; timedOut?: boolean };
const sessions: string[] = [];

afterAll(async () => {
  for (const id of sessions) await endSession(id, "test over");
});

async function setUp(label: string) {
  const owner = await signUpUser(label);
  const created = await createNotebookRoute(apiRequest("/api/notebooks", { method: "POST", cookie: owner.cookie, body: { title: "Live", content } }), noParams);
  const { notebook } = await created.json();
  const opened = await openSessionRoute(apiRequest(`/api/notebooks/${notebook.id}/session`, { method: "POST", cookie: owner.cookie }), routeParams({ id: notebook.id }));
  const { session } = await opened.json();
  sessions.push(session.id);
  return { owner, sessionId: session.id as string };
}

/** Starts a run, reads its first event, and hangs up, as a page that closes does. */
async function startAndLeave(owner: SignedUpUser, sessionId: string, blockId: string): Promise<string> {
  const response = await runRoute(apiRequest("/api/executions", { method: "POST", cookie: owner.cookie, body: { sessionId, blockId } }), noParams);
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const first = await readLines(reader).next();
  await reader.cancel();
  return (JSON.parse(first.value as string) as Event).executionId!;
}

async function follow(owner: SignedUpUser, executionId: string, from: number) {
  return followRoute(apiRequest(`/api/executions/${executionId}/events?from=${from}`, { cookie: owner.cookie }), routeParams({ id: executionId }));
}

async function eventsOf(response: Response): Promise<Event[]> {
  const events: Event[] = [];
  for await (const line of readLines(response.body!.getReader())) events.push(JSON.parse(line));
  return events;
}

const stdout = (events: Event[]) => events.map((event) => (event.type === "output" ? event.data : "")).join("");

describe("a run outlives the page that started it", () => {
  it("keeps running when the stream is closed, and is followed again from its start or from an offset", async () => {
    const { owner, sessionId } = await setUp("live-owner");
    const executionId = await startAndLeave(owner, sessionId, "ticks");

    const again = await eventsOf(await follow(owner, executionId, 0));
    expect(again[0]).toMatchObject({ type: "start", executionId, blockId: "ticks" });
    expect(stdout(again)).toBe([1, 2, 3, 4, 5, 6].map((i) => `tick ${i}\n`).join(""));
    expect(again.at(-1)).toMatchObject({ type: "exit", exitCode: 0 });

    const tail = await eventsOf(await follow(owner, executionId, again.length - 1));
    expect(tail).toEqual([again.at(-1)]);
    const stored = await getPrisma().execution.findUniqueOrThrow({ where: { id: executionId } });
    expect(stored.status).toBe("succeeded");

    const stranger = await signUpUser("live-stranger");
    const refused = await follow(stranger, executionId, 0);
    expect(refused.status).toBe(404);
  }, 90_000);

  it("still ends at its timeout when nobody watches", async () => {
    const { owner, sessionId } = await setUp("live-unwatched");
    const executionId = await startAndLeave(owner, sessionId, "sleepy");
    const events = await eventsOf(await follow(owner, executionId, 0));
    expect(events.at(-1)).toMatchObject({ type: "exit", timedOut: true });
    expect((await getPrisma().execution.findUniqueOrThrow({ where: { id: executionId } })).status).toBe("timed_out");
  }, 90_000);

  it("answers a malformed offset with a sentence", async () => {
    const { owner } = await setUp("live-offset");
    const response = await followRoute(apiRequest("/api/executions/x/events?from=-1", { cookie: owner.cookie }), routeParams({ id: "x" }));
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/from cannot be negative/);
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNotebook, createUser, testDatabase } from "../../test/fixtures";
import { connectSession } from "../sessions/connect-session";
import { endSession } from "../sessions/end-session";
import { followExecution } from "./follow-execution";
import { sessionChain } from "./session-chains";
import { startChainedExecution } from "./start-chained-execution";
import type { StreamEvent } from "./stream-events";

// The stale chain against the real engine: blocks share the workspace (a log file) and, in a
// shared notebook, bash's persistent shell (a variable).
const fence = "```";
const bash = (id: string, code: string) => `${fence}runnable bash id=${id}\n${code}\n${fence}\n`;
const notebookOf = (blocks: string[], state?: "shared" | "isolated") => `${state ? `---\nstate: ${state}\n---\n\n` : ""}# Chain\n\n${blocks.join("\n")}`;

let userId: string;
const sessions: string[] = [];

async function sessionFor(content: string) {
  const notebook = await createNotebook(userId, content);
  const { session } = await connectSession({ userId, notebook });
  sessions.push(session.id);
  return { notebookId: notebook.id, sessionId: session.id };
}

async function run(sessionId: string, id: string): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of await startChainedExecution({ userId, sessionId, block: { id } })) events.push(event);
  return events;
}

const starts = (events: StreamEvent[]) => events.flatMap((event) => (event.type === "start" ? [event.blockId] : []));
const stdout = (events: StreamEvent[]) => events.flatMap((event) => (event.type === "output" && event.stream === "stdout" ? [event.data] : [])).join("");

beforeAll(async () => {
  await testDatabase();
  userId = (await createUser()).id;
}, 60_000);

afterAll(async () => {
  for (const id of sessions) await endSession(id, "test over");
});

describe("the stale chain", () => {
  it("runs the stale blocks above first, visibly and in order, then nothing more once they are current", async () => {
    const blocks = [bash("b0", "echo zero >> log.txt; GREETING=hello"), bash("b1", "echo one >> log.txt"), bash("b2", 'cat log.txt; echo "$GREETING"')];
    const { notebookId, sessionId } = await sessionFor(notebookOf(blocks));

    const first = await run(sessionId, "b2");
    expect(first[0]).toEqual({
      type: "chain",
      executionId: expect.stringMatching(/^chain-/),
      blocks: [{ blockId: "b0", blockIndex: 0 }, { blockId: "b1", blockIndex: 1 }],
      target: { blockId: "b2", blockIndex: 2 },
    });
    expect(starts(first)).toEqual(["b0", "b1", "b2"]);
    // Each block's own start … exit, one after another.
    expect(first.filter((event) => event.type === "start" || event.type === "exit").map((event) => event.type)).toEqual(["start", "exit", "start", "exit", "start", "exit"]);
    // The variable set two blocks up is there: the shell carried it.
    expect(stdout(first)).toBe("zero\none\nhello\n");

    const again = await run(sessionId, "b2");
    expect(again[0]?.type).toBe("start");
    expect(starts(again)).toEqual(["b2"]);
    expect(stdout(again)).toBe("zero\none\nhello\n");

    // b0 changes: it is stale, and so is b1 below it, though b1 itself did not change.
    const prisma = await testDatabase();
    await prisma.notebook.update({ where: { id: notebookId }, data: { content: notebookOf([bash("b0", "echo ZERO >> log.txt; GREETING=hi"), blocks[1]!, blocks[2]!]) } });
    const edited = await run(sessionId, "b2");
    expect(edited[0]).toMatchObject({ type: "chain", blocks: [{ blockId: "b0" }, { blockId: "b1" }] });
    expect(stdout(edited)).toBe("zero\none\nZERO\none\nhi\n");

    // Re-running b1 alone makes b2 stale (it ran before a block above it re-ran), not b0.
    await run(sessionId, "b1");
    const after = await run(sessionId, "b2");
    expect(starts(after)).toEqual(["b2"]);
  }, 180_000);

  it("stops at a failure with a sentence naming the block, and the block asked for does not run", async () => {
    const { sessionId } = await sessionFor(notebookOf([bash("f0", "echo ok"), bash("f1", "echo failing; false"), bash("f2", "echo never")]));
    const events = await run(sessionId, "f2");
    expect(starts(events)).toEqual(["f0", "f1"]);
    expect(events.filter((event) => event.type === "exit").map((event) => (event as { exitCode: number | null }).exitCode)).toEqual([0, 1]);
    expect(events.at(-1)).toEqual({ type: "error", message: "Block 1 failed, so block 2 did not run." });
    expect(stdout(events)).not.toContain("never");
  }, 120_000);

  it("goes on to the block asked for when the reader goes away after the chain event", async () => {
    const { sessionId } = await sessionFor(notebookOf([bash("g0", "sleep 1; echo a > g.txt"), bash("g1", "echo b >> g.txt"), bash("g2", "cat g.txt")]));
    for await (const event of await startChainedExecution({ userId, sessionId, block: { id: "g2" } })) {
      expect(event.type).toBe("chain");
      break;
    }
    const prisma = await testDatabase();
    let last: { status: string; output: unknown } | null = null;
    for (let i = 0; i < 240 && last?.status !== "succeeded"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      last = await prisma.execution.findFirst({ where: { sessionId, blockId: "g2" }, select: { status: true, output: true } });
    }
    expect(last).toEqual({ status: "succeeded", output: [{ stream: "stdout", data: "a\nb\n" }] });
  }, 120_000);

  it("is the session's chain in flight while it runs, which a reloaded page of its user follows from the start to its end", async () => {
    const { sessionId } = await sessionFor(notebookOf([bash("r0", "sleep 2; echo a"), bash("r1", "echo b"), bash("r2", "echo c")]));
    let chainId = "";
    // The page that asked goes away (a reload) as soon as the chain is named.
    for await (const event of await startChainedExecution({ userId, sessionId, block: { id: "r2" } })) {
      if (event.type === "chain") chainId = event.executionId;
      break;
    }
    expect(sessionChain(sessionId)).toEqual({
      executionId: chainId,
      userId,
      sessionId,
      blocks: [{ blockId: "r0", blockIndex: 0 }, { blockId: "r1", blockIndex: 1 }],
      target: { blockId: "r2", blockIndex: 2 },
    });
    const stranger = (await createUser("Not the runner")).id;
    await expect(followExecution(stranger, chainId, 0)).rejects.toMatchObject({ status: 404 });

    const replayed: StreamEvent[] = [];
    for await (const event of await followExecution(userId, chainId, 0)) replayed.push(event);
    expect(replayed[0]).toMatchObject({ type: "chain", executionId: chainId });
    expect(starts(replayed)).toEqual(["r0", "r1", "r2"]);
    expect(stdout(replayed)).toBe("a\nb\nc\n");
    expect(replayed.at(-1)).toMatchObject({ type: "exit", exitCode: 0 });
    expect(sessionChain(sessionId), "an ended chain is no longer in flight").toBeUndefined();
  }, 120_000);

  it("never chains in an isolated notebook", async () => {
    const { sessionId } = await sessionFor(notebookOf([bash("i0", "echo above > above.txt"), bash("i1", "cat above.txt 2>/dev/null || echo missing")], "isolated"));
    const events = await run(sessionId, "i1");
    expect(starts(events)).toEqual(["i1"]);
    expect(stdout(events)).toBe("missing\n");
  }, 120_000);
});

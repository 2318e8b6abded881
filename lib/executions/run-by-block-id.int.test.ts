import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNotebook, createUser, testDatabase } from "../../test/fixtures";
import { AppError } from "../http/app-error";
import { codeFingerprint } from "../notebook/code-fingerprint";
import { connectSession } from "../sessions/connect-session";
import { endSession } from "../sessions/end-session";
import { latestExecutions } from "./latest-executions";
import { startExecution } from "./start-execution";
import type { StreamEvent } from "./stream-events";

const fence = "```";
const block = (id: string, code: string) => `${fence}runnable bash id=${id}\n${code}\n${fence}\n`;

let userId: string;
let notebookId: string;
let sessionId: string;

async function run(ref: { id: string } | { index: number }) {
  const handle = await startExecution({ userId, sessionId, block: ref });
  const events: StreamEvent[] = [];
  for await (const event of handle.events) events.push(event);
  return events;
}

beforeAll(async () => {
  await testDatabase();
  userId = (await createUser()).id;
  const notebook = await createNotebook(userId, [block("one", "echo one"), block("two", "echo two"), "```runnable bash\necho legacy\n```\n"].join("\n"));
  notebookId = notebook.id;
  sessionId = (await connectSession({ userId, notebook })).session.id;
}, 60_000);

afterAll(async () => {
  if (sessionId) await endSession(sessionId, "test over");
});

describe("blocks named by id", () => {
  it("run the block with that id wherever it has moved, and keep each block's latest run with it", async () => {
    const first = await run({ id: "two" });
    expect(first[0]).toEqual({ type: "start", executionId: expect.any(String), blockIndex: 1, blockId: "two" });
    await run({ id: "one" });

    // A new block above both: "two" is now the third block, and its run is still its own.
    const prisma = await testDatabase();
    await prisma.notebook.update({ where: { id: notebookId }, data: { content: [block("new", "echo new"), block("one", "echo one"), block("two", "echo two")].join("\n") } });
    const moved = await run({ id: "two" });
    expect(moved[0]).toMatchObject({ blockIndex: 2, blockId: "two" });
    expect(moved).toContainEqual({ type: "output", stream: "stdout", data: "two\n" });

    const latest = await latestExecutions(userId, sessionId);
    expect(latest.map(({ blockId, output }) => [blockId, output])).toEqual([
      ["one", [{ stream: "stdout", data: "one\n" }]],
      ["two", [{ stream: "stdout", data: "two\n" }]],
    ]);
    const two = latest.find((row) => row.blockId === "two");
    expect(two?.id).toBe((moved[0] as { executionId: string }).executionId);
    // What ran is fingerprinted, so a page can tell when the block's code has changed since.
    expect(two?.codeFingerprint).toBe(codeFingerprint("echo two"));
    // And timed as the live run said, so a reload shows the same duration.
    const exit = moved.find((event) => event.type === "exit");
    expect(exit && "durationMs" in exit ? exit.durationMs : undefined).toBeTypeOf("number");
    expect(two?.durationMs).toBe(exit && "durationMs" in exit ? exit.durationMs : undefined);
  }, 60_000);

  it("still run by index in the saved notebook, and say so when an id is not there", async () => {
    const byIndex = await run({ index: 0 });
    expect(byIndex).toContainEqual({ type: "output", stream: "stdout", data: "new\n" });
    const error = await startExecution({ userId, sessionId, block: { id: "gone" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "not_found", message: 'Block "gone" is not in the notebook.' });
  }, 60_000);
});

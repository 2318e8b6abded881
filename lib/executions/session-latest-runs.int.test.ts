import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { createNotebook, createUser, testDatabase } from "../../test/fixtures";
import { insertStartedExecution, storeFinishedExecution } from "./execution-rows";
import { interruptOrphanedRuns } from "./interrupt-orphaned-runs";
import { sessionLatestRuns, type LatestRunRow } from "./session-latest-runs";

// The stale plan's index of each block's latest run is kept in memory once read: it must say
// what the database says after every write, however a read and a write interleave.

async function newSession() {
  const prisma = await testDatabase();
  const user = await createUser();
  const notebook = await createNotebook(user.id, "x");
  const session = await prisma.session.create({ data: { userId: user.id, notebookId: notebook.id } });
  let clock = Date.parse("2026-12-02T03:00:00.000Z");
  const start = async (blockId: string) => {
    const row = { id: randomUUID(), sessionId: session.id, notebookId: notebook.id, userId: user.id, blockIndex: 0, blockId, codeFingerprint: "f", startedAt: new Date((clock += 1000)) };
    await insertStartedExecution(row);
    return row;
  };
  const finish = (row: { id: string; sessionId: string }, status: "succeeded" | "failed") =>
    storeFinishedExecution(row, { status, exitCode: status === "succeeded" ? 0 : 1, truncated: false, output: [], artifacts: [], finishedAt: new Date((clock += 500)), durationMs: 500 });
  const fromDatabase = async () => {
    const rows = await prisma.execution.findMany({ where: { sessionId: session.id }, orderBy: { startedAt: "desc" } });
    const latest = new Map<string, string>();
    for (const row of rows) if (!latest.has(row.blockId!)) latest.set(row.blockId!, `${row.id}:${row.status}`);
    return [...latest.entries()].sort();
  };
  const kept = async () => (await sessionLatestRuns(session.id)).map((row) => [row.blockId!, `${row.id}:${row.status}`]).sort();
  return { prisma, session, start, finish, fromDatabase, kept };
}

it("says each block's latest run as the database does, after every start and end once it is kept", async () => {
  const { start, finish, fromDatabase, kept } = await newSession();
  const first = await start("a");
  await finish(first, "succeeded");
  expect(await kept()).toEqual(await fromDatabase()); // read from the database, then kept
  const again = await start("a");
  expect(await kept()).toEqual([["a", `${again.id}:running`]]);
  const other = await start("b");
  await finish(again, "failed");
  expect(await kept()).toEqual([["a", `${again.id}:failed`], ["b", `${other.id}:running`]]);
  // An old run's end does not make it the latest again.
  await finish(first, "succeeded");
  expect(await kept()).toEqual(await fromDatabase());
  expect((await kept())[0]).toEqual(["a", `${again.id}:failed`]);
});

it("does not keep a read that a run's start overtook", async () => {
  const { prisma, start, fromDatabase, kept, session } = await newSession();
  await start("a");
  // The read has its rows, but its answer is held back until a run has started meanwhile.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let read = () => {};
  const readDone = new Promise<void>((resolve) => (read = resolve));
  const reading = sessionLatestRuns(session.id, async (id): Promise<LatestRunRow[]> => {
    const rows = await prisma.execution.findMany({ where: { sessionId: id }, orderBy: { startedAt: "desc" }, take: 1 });
    read();
    await held;
    return rows;
  });
  await readDone;
  const late = await start("a");
  release();
  expect((await reading).map((row) => row.id)).not.toContain(late.id); // it answered as of its read
  expect(await kept()).toEqual(await fromDatabase());
  expect(await kept()).toEqual([["a", `${late.id}:running`]]);
});

it("reads again after interruptOrphanedRuns changed rows behind it", async () => {
  const { start, fromDatabase, kept } = await newSession();
  const row = await start("a");
  expect(await kept()).toEqual([["a", `${row.id}:running`]]);
  await interruptOrphanedRuns(new Date(Date.parse("2026-12-03T00:00:00.000Z")));
  expect(await kept()).toEqual([["a", `${row.id}:interrupted`]]);
  expect(await kept()).toEqual(await fromDatabase());
});

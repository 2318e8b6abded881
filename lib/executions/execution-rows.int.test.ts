import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { createNotebook, createUser, testDatabase } from "../../test/fixtures";
import { insertStartedExecution, storeFinishedExecution } from "./execution-rows";

// The two statements are plain SQL: read back through Prisma, the row must be what was written.
it("writes a run's row as it starts and as it ends, read back by Prisma as written", async () => {
  const prisma = await testDatabase();
  const user = await createUser();
  const notebook = await createNotebook(user.id, "x");
  const session = await prisma.session.create({ data: { userId: user.id, notebookId: notebook.id } });
  const started = {
    id: randomUUID(),
    sessionId: session.id,
    notebookId: notebook.id,
    userId: user.id,
    blockIndex: 3,
    blockId: "b-3",
    codeFingerprint: "f1",
    startedAt: new Date("2026-12-02T03:04:05.678Z"),
  };
  await insertStartedExecution(started);
  expect(await prisma.execution.findUniqueOrThrow({ where: { id: started.id } })).toStrictEqual({
    ...started,
    status: "running",
    exitCode: null,
    output: [],
    truncated: false,
    artifacts: [],
    finishedAt: null,
    durationMs: null,
  });

  const output = [{ stream: "stdout", data: "hé 'quoted' \"too\"\n" }, { type: "display", displayId: null, data: { "text/plain": "42" }, metadata: {} }];
  const finished = { status: "failed" as const, exitCode: 1, truncated: true, output, artifacts: [{ name: "a.png", mime: "image/png", bytes: 5 }], finishedAt: new Date("2026-12-02T03:04:06.001Z"), durationMs: 323 };
  await storeFinishedExecution(started, finished);
  expect(await prisma.execution.findUniqueOrThrow({ where: { id: started.id } })).toStrictEqual({ ...started, ...finished });
  // A run without an id (stored before blocks had ids) and without a fingerprint.
  const bare = { ...started, id: randomUUID(), blockId: null, codeFingerprint: null };
  await insertStartedExecution(bare);
  expect(await prisma.execution.findUniqueOrThrow({ where: { id: bare.id } })).toMatchObject({ blockId: null, codeFingerprint: null });
});

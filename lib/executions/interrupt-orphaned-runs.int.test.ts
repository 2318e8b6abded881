import { describe, expect, it } from "vitest";
import { createNotebook, createUser, testDatabase } from "../../test/fixtures";
import { interruptOrphanedRuns, processStartedAt } from "./interrupt-orphaned-runs";

describe("interruptOrphanedRuns", () => {
  it("marks runs left running by an earlier process as interrupted, and leaves this process's runs and finished ones alone", async () => {
    const prisma = await testDatabase();
    const owner = await createUser();
    const notebook = await createNotebook(owner.id, "```runnable python\nprint(1)\n```");
    const session = await prisma.session.create({ data: { userId: owner.id, notebookId: notebook.id, status: "ended" } });
    const before = new Date(processStartedAt().getTime() - 60_000);
    const row = (startedAt: Date, status: "running" | "succeeded") =>
      prisma.execution.create({ data: { sessionId: session.id, notebookId: notebook.id, userId: owner.id, blockIndex: 0, status, startedAt } });
    const orphan = await row(before, "running");
    const finished = await row(before, "succeeded");
    const current = await row(new Date(), "running");

    // Runs other test files left running in the same database (older processes) count too.
    expect(await interruptOrphanedRuns()).toBeGreaterThanOrEqual(1);
    const status = async (id: string) => (await prisma.execution.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(orphan.id)).toBe("interrupted");
    expect((await prisma.execution.findUniqueOrThrow({ where: { id: orphan.id } })).finishedAt).not.toBeNull();
    expect(await status(finished.id)).toBe("succeeded");
    expect(await status(current.id)).toBe("running");
    expect(await interruptOrphanedRuns()).toBe(0);
  });
});

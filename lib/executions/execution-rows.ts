import { Prisma, type Execution } from "@prisma/client";
import { getPrisma } from "../db/client";
import { storableJsonText } from "../db/jsonb-text";
import { noteRunFinished, noteRunStarted } from "./session-latest-runs";

// A run writes its row twice: as it starts, and as its stream ends. Both are on every run's
// path, so each is one plain SQL statement: through Prisma's query builder each has its plan
// compiled afresh, with the output's JSON inlined into it (execution-rows.int.test.ts reads the
// rows back through Prisma, so a column or type these statements get wrong fails there). Each
// write is noted in session-latest-runs.ts, the stale plan's index of each block's latest run.
// The output and the artifacts' names were made in a sandbox: jsonb-text.ts makes them storable.

/** The execution row as written when its run starts (status running, no output yet). */
export type StartedExecution = Pick<Execution, "id" | "sessionId" | "notebookId" | "userId" | "blockIndex" | "blockId" | "codeFingerprint" | "startedAt">;

/** How a run ended, as stored. */
export type FinishedExecution = Pick<Execution, "status" | "exitCode" | "truncated" | "finishedAt" | "durationMs"> & {
  output: unknown[];
  artifacts: unknown[];
};

export async function insertStartedExecution(row: StartedExecution): Promise<void> {
  await getPrisma().$executeRaw(Prisma.sql`
    INSERT INTO "Execution" ("id", "sessionId", "notebookId", "userId", "blockIndex", "blockId", "codeFingerprint", "startedAt")
    VALUES (${row.id}, ${row.sessionId}, ${row.notebookId}, ${row.userId}, ${row.blockIndex}, ${row.blockId}, ${row.codeFingerprint}, ${row.startedAt})`);
  noteRunStarted({ ...row, status: "running", finishedAt: null });
}

export async function storeFinishedExecution({ id, sessionId }: Pick<StartedExecution, "id" | "sessionId">, row: FinishedExecution): Promise<void> {
  await getPrisma().$executeRaw(Prisma.sql`
    UPDATE "Execution"
    SET "status" = ${row.status}::"ExecutionStatus", "exitCode" = ${row.exitCode}, "truncated" = ${row.truncated},
        "output" = ${storableJsonText(row.output)}::jsonb, "artifacts" = ${storableJsonText(row.artifacts)}::jsonb,
        "finishedAt" = ${row.finishedAt}, "durationMs" = ${row.durationMs}
    WHERE "id" = ${id}`);
  noteRunFinished(sessionId, id, { status: row.status, finishedAt: row.finishedAt });
}

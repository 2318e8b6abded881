import { Prisma, type Execution } from "@prisma/client";
import { getPrisma } from "../db/client";
import { blockKey } from "../notebook/find-block";

// The stale plan (session-stale-blocks.ts) needs each block's latest run in the session on every
// run of a shared notebook. Asked of the database, that is a sort of the session's whole history
// (7.8 ms with 1,000 runs in PGlite, on the path of each run). This process writes every
// execution row (execution-rows.ts), so once a session's latest runs are read they are kept here
// and kept true as rows are written: the database stays the record, this is its index.
//
// A read that a write overtakes (a run starting while the read is in flight) is used once and
// not kept, and interruptOrphanedRuns (which changes rows at start-up) forgets everything.

/** A block's latest run, as the stale plan reads it. */
export type LatestRunRow = Pick<Execution, "id" | "blockId" | "blockIndex" | "codeFingerprint" | "status" | "startedAt" | "finishedAt">;

// How many of a session's newest runs a read looks through for each block's latest.
const MAX_ROWS = 5000;
// Sessions whose latest runs are kept; the least recently used goes first (it is read again).
const MAX_SESSIONS = 2000;

type Store = {
  /** By session, by block key (lib/notebook/find-block.ts), in least-recently-used order. */
  kept: Map<string, Map<string, LatestRunRow>>;
  /** Reads in flight, by session: a write meanwhile marks the read overtaken. */
  reading: Map<string, { overtaken: boolean }>;
};

// On globalThis because Next may load this module more than once in one process.
const key = Symbol.for("runnel.sessionLatestRuns");
type WithStore = typeof globalThis & { [key]?: Store };

function store(): Store {
  return ((globalThis as WithStore)[key] ??= { kept: new Map(), reading: new Map() });
}

/** Each block's latest run in the session (one row per block key). `read` asks the database (a test holds it back). */
export async function sessionLatestRuns(sessionId: string, read = readLatestRuns): Promise<LatestRunRow[]> {
  const { kept, reading } = store();
  const known = kept.get(sessionId);
  if (known) {
    kept.delete(sessionId);
    kept.set(sessionId, known);
    return [...known.values()];
  }
  const flight = { overtaken: false };
  reading.set(sessionId, flight);
  let rows: LatestRunRow[];
  try {
    rows = await read(sessionId);
  } finally {
    if (reading.get(sessionId) === flight) reading.delete(sessionId);
  }
  if (!flight.overtaken) {
    kept.set(sessionId, new Map(rows.map((row) => [blockKey({ id: row.blockId, index: row.blockIndex }), row])));
    for (const oldest of kept.keys()) {
      if (kept.size <= MAX_SESSIONS) break;
      kept.delete(oldest);
    }
  }
  return rows;
}

/** A run's row was written as it started: it is now its block's latest. */
export function noteRunStarted(row: LatestRunRow & { sessionId: string }): void {
  overtakeReads(row.sessionId);
  const { sessionId, ...latest } = row;
  store().kept.get(sessionId)?.set(blockKey({ id: row.blockId, index: row.blockIndex }), latest);
}

/** A run's row was written as it ended: its block's latest, unless the block has run again since. */
export function noteRunFinished(sessionId: string, id: string, finished: Pick<Execution, "status" | "finishedAt">): void {
  overtakeReads(sessionId);
  const runs = store().kept.get(sessionId);
  if (!runs) return;
  for (const [block, row] of runs) if (row.id === id) runs.set(block, { ...row, ...finished });
}

/** Rows were changed outside the two writes above (interruptOrphanedRuns): everything is read again. */
export function forgetLatestRuns(): void {
  const { kept, reading } = store();
  kept.clear();
  for (const read of reading.values()) read.overtaken = true;
}

function overtakeReads(sessionId: string): void {
  const read = store().reading.get(sessionId);
  if (read) read.overtaken = true;
}

function readLatestRuns(sessionId: string): Promise<LatestRunRow[]> {
  return getPrisma().$queryRaw<LatestRunRow[]>(Prisma.sql`
    SELECT DISTINCT ON (COALESCE(e."blockId", '#' || e."blockIndex"))
           e."id", e."blockId", e."blockIndex", e."codeFingerprint", e."status"::text AS "status", e."startedAt", e."finishedAt"
    FROM (SELECT "id", "blockId", "blockIndex", "codeFingerprint", "status", "startedAt", "finishedAt" FROM "Execution"
          WHERE "sessionId" = ${sessionId} ORDER BY "startedAt" DESC, "id" DESC LIMIT ${MAX_ROWS}) e
    ORDER BY COALESCE(e."blockId", '#' || e."blockIndex"), e."startedAt" DESC, e."id" DESC`);
}

import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { tempPostgres } from "../../test/temp-database";
import { getPrisma } from "../db/client";
import { createNotebook } from "./create-notebook";
import { updateNotebook } from "./update-notebook";

// A rename and a content save of the same notebook at the same moment, on real PostgreSQL with
// its pool of connections, so the two requests truly overlap. The order is made, not hoped for:
// a third connection holds the notebook's row, each write is let go only once it is seen waiting
// for that row (pg_stat_activity), and by then each request has read the notebook as it was.

// This file's own database, set before anything reads the settings (getPrisma reads them lazily).
const db = await tempPostgres();
process.env.DATABASE_URL = db.target.kind === "postgres" ? db.target.url : "";
const { migrateDatabase } = await import("../db/migrate-database");
const { disconnectPrisma } = await import("../db/client");
await migrateDatabase(db.target);

afterAll(async () => {
  await disconnectPrisma();
  await db[Symbol.asyncDispose]();
});

async function lockedRow(notebookId: string): Promise<{ release(): Promise<void>; waiting(count: number): Promise<void> }> {
  const url = db.target.kind === "postgres" ? db.target.url : "";
  const holder = new pg.Client({ connectionString: url });
  const watcher = new pg.Client({ connectionString: url });
  await Promise.all([holder.connect(), watcher.connect()]);
  await holder.query("BEGIN");
  await holder.query(`SELECT 1 FROM "Notebook" WHERE "id" = $1 FOR UPDATE`, [notebookId]);
  return {
    async waiting(count) {
      for (let tries = 0; tries < 600; tries++) {
        const { rows } = await watcher.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'UPDATE%Notebook%'`,
        );
        if (rows[0]!.n >= count) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`fewer than ${count} writes ever waited for the row`);
    },
    async release() {
      await holder.query("COMMIT");
      await Promise.all([holder.end(), watcher.end()]);
    },
  };
}

async function author(label: string): Promise<string> {
  const { id } = await getPrisma().user.create({ data: { email: `${label}-${Date.now()}@example.test`, name: label, passwordHash: "x" } });
  return id;
}

describe("a rename racing a content save (PostgreSQL)", () => {
  it("keeps the rename when it is written between the save's read and the save's write", async () => {
    const userId = await author("renamer");
    const notebook = await createNotebook({ ownerId: userId, content: "# Draft\n" });
    expect(notebook.titleFollowsHeading).toBe(true);
    const row = await lockedRow(notebook.id);
    // The rename has read the notebook (its title follows the heading) and waits to write...
    const rename = updateNotebook({ userId, notebookId: notebook.id, title: "Renamed" });
    await row.waiting(1);
    // ...then the save reads it too, still following the heading, and waits behind the rename.
    const save = updateNotebook({ userId, notebookId: notebook.id, content: "# Heading\n\nText.\n", baseVersion: notebook.version });
    await row.waiting(2);
    await row.release();
    await Promise.all([rename, save]);

    const saved = await getPrisma().notebook.findUniqueOrThrow({ where: { id: notebook.id } });
    expect(saved).toMatchObject({ title: "Renamed", titleSetByAuthor: true, version: notebook.version + 1 });
    expect(saved.content).toContain("# Heading\n\nText.\n");
  });

  it("gives 'follow the first heading again' the heading of the text the save wrote", async () => {
    const userId = await author("follower");
    const notebook = await createNotebook({ ownerId: userId, title: "Set by hand", content: "# Old heading\n" });
    const row = await lockedRow(notebook.id);
    // The save goes first this time and waits; the switch back to the heading reads the old text.
    const save = updateNotebook({ userId, notebookId: notebook.id, content: "# New heading\n", baseVersion: notebook.version });
    await row.waiting(1);
    const follow = updateNotebook({ userId, notebookId: notebook.id, title: null });
    await row.waiting(2);
    await row.release();
    await Promise.all([save, follow]);

    const saved = await getPrisma().notebook.findUniqueOrThrow({ where: { id: notebook.id } });
    expect(saved).toMatchObject({ title: "New heading", titleSetByAuthor: false, content: "# New heading\n" });
  });
});

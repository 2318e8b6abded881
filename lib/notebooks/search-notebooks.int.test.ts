import { PrismaClient } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { tempPglite, tempPostgres, type TempDatabase } from "../../test/temp-database";
import { createDriverAdapter } from "../db/driver-adapter";
import { migrateDatabase } from "../db/migrate-database";
import { MATCH_END, MATCH_START, notebookMatches } from "./search-notebooks";

const targets: Array<[string, () => Promise<TempDatabase> | TempDatabase]> = [
  ["PGlite", tempPglite],
  ["PostgreSQL", tempPostgres],
];

describe.each(targets)("notebook search on %s", (_name, makeDatabase) => {
  it("matches title and text with stemming and web-search syntax, best match first, through the migration's index", async () => {
    await using db = await makeDatabase();
    await migrateDatabase(db.target);
    const prisma = new PrismaClient({ adapter: createDriverAdapter(db.target) });
    try {
      const { id: ownerId } = await prisma.user.create({ data: { email: "a@example.test", name: "A", passwordHash: "x" } });
      const make = (title: string, content: string) => prisma.notebook.create({ data: { ownerId, title, content } }).then(({ id }) => id);
      const plots = await make("Plotting", "We plot the orbits. Plots, plotted, plotting: orbits and more orbits.");
      const once = await make("Notes", "One orbit, once.");
      const other = await make("Unrelated", "Nothing about the sky.");
      const outside = await make("Orbits too", "Orbits, but not among the ids asked about.");
      const settled = await make("Settled", "---\nstate: shared\n---\n# Moons\n\nThe moons settle into a resonance.\n\n---\n\nMore after a rule.");
      const ids = [plots, once, other];

      const orbit = await notebookMatches(prisma, ids, "orbiting");
      expect(orbit.map(({ id }) => id)).toEqual([plots, once]);
      expect(orbit.map(({ id }) => id)).not.toContain(outside);
      expect(orbit[1]!.snippet).toContain(`${MATCH_START}orbit${MATCH_END}, once`);
      expect((await notebookMatches(prisma, ids, "plotting")).map(({ id }) => id)).toEqual([plots]);
      expect((await notebookMatches(prisma, ids, '"plot the orbits" -sky')).map(({ id }) => id)).toEqual([plots]);
      expect((await notebookMatches(prisma, ids, "sky or notes")).map(({ id }) => id).sort()).toEqual([once, other].sort());
      expect(await notebookMatches(prisma, ids, "the")).toEqual([]);
      expect(await notebookMatches(prisma, ids, "'); DROP TABLE \"Notebook\"; --")).toEqual([]);
      expect(await prisma.notebook.count()).toBe(5);

      // The snippet is the notebook's text, not its settings: front matter is left out, a later rule (---) is kept.
      const [resonance] = await notebookMatches(prisma, [settled], "resonance");
      expect(resonance!.snippet).not.toContain("state");
      // (Had it run on to the rule, the matched sentence would be gone from the snippet too.)
      expect(resonance!.snippet).toMatch(/^Moons\s+The moons settle into a \u0002resonance\u0003/);

      // The query's expression is the index's: with sequential scans off, the planner takes the index.
      const plan = await prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
        return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
          `EXPLAIN SELECT "id" FROM "Notebook" WHERE to_tsvector('english', "title" || ' ' || "content") @@ websearch_to_tsquery('english', 'orbit')`,
        );
      });
      expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toContain("Notebook_search_idx");
    } finally {
      await prisma.$disconnect();
    }
    // A fresh database migrated from scratch: slow on a loaded machine.
  }, 180_000);
});

import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { tempPostgres } from "../../test/temp-database";
import { storableJsonText, storableText } from "./jsonb-text";

// The very characters a sandbox may print, through both database engines Runnel runs on: as they
// come they are refused, and as jsonb-text.ts writes them they are stored.
const hostile = "a\0b \uD800 \uDFFF 😀";

type Query = (sql: string, params: unknown[]) => Promise<{ rows: Array<Record<string, unknown>> }>;

const engines: Array<[string, () => Promise<{ query: Query; close(): Promise<void> }>]> = [
  ["PGlite", async () => {
    const db = new PGlite();
    return { query: (sql, params) => db.query(sql, params), close: () => db.close() };
  }],
  ["PostgreSQL", async () => {
    const db = await tempPostgres();
    const client = new pg.Client({ connectionString: db.target.kind === "postgres" ? db.target.url : "" });
    await client.connect();
    return {
      query: (sql, params) => client.query(sql, params),
      close: async () => {
        await client.end();
        await db[Symbol.asyncDispose]();
      },
    };
  }],
];

describe.each(engines)("text a sandbox made, on %s", (_name, open) => {
  it("is refused as it comes and stored as jsonb-text.ts writes it", async () => {
    const db = await open();
    try {
      await expect(db.query("SELECT $1::text AS v", ["a\0b"])).rejects.toThrow(/0x00/);
      await expect(db.query("SELECT $1::jsonb AS v", [JSON.stringify({ [hostile]: hostile })])).rejects.toThrow();
      const text = await db.query("SELECT $1::text AS v", [storableText(hostile)]);
      expect(text.rows[0]!.v).toBe("a\uFFFDb \uFFFD \uFFFD 😀");
      const json = await db.query("SELECT $1::jsonb AS v", [storableJsonText({ [hostile]: [hostile] })]);
      expect(json.rows[0]!.v).toEqual({ "a\uFFFDb \uFFFD \uFFFD 😀": ["a\uFFFDb \uFFFD \uFFFD 😀"] });
    } finally {
      await db.close();
    }
  });
});

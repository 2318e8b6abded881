import { Prisma, type PrismaClient } from "@prisma/client";
import { getPrisma } from "../db/client";
import { listNotebooks, type NotebookSummary } from "./list-notebooks";

export const MAX_SEARCH_RESULTS = 50;
/** ts_headline marks each match with these; the page shows them as <mark>, never as HTML. */
export const MATCH_START = "\u0002";
export const MATCH_END = "\u0003";

export type NotebookMatch = NotebookSummary & { snippet: string };

/**
 * The notebooks the user can see whose title or text matches `query`, best first. `query` is
 * web-search syntax (words, "a phrase", -not, or), read by PostgreSQL's full-text search with the
 * English dictionary, the same in PGlite and PostgreSQL. The match expression is the one the
 * migration indexes (`Notebook_search_idx`). Visibility is the dashboard's rule: listNotebooks.
 */
export async function searchNotebooks(userId: string, query: string): Promise<NotebookMatch[]> {
  const visible = await listNotebooks(userId);
  if (visible.length === 0) return [];
  const byId = new Map(visible.map((notebook) => [notebook.id, notebook]));
  const rows = await notebookMatches(getPrisma(), [...byId.keys()], query);
  return rows.flatMap(({ id, snippet }) => {
    const notebook = byId.get(id);
    return notebook ? [{ ...notebook, snippet }] : [];
  });
}

/**
 * A notebook's front matter (its settings, `---` … `---` at the very top), left out of snippets.
 * The first quantifier is lazy, so in PostgreSQL's regular expressions the whole match is the
 * shortest: it ends at the first closing `---`, never at a horizontal rule further down.
 */
const FRONT_MATTER = "^---\n.*?\n---[ \t]*(\n|$)";

/** The SQL alone: which of `ids` match `query`, best first, each with a snippet of its text. */
export function notebookMatches(prisma: PrismaClient, ids: string[], query: string): Promise<{ id: string; snippet: string }[]> {
  return prisma.$queryRaw<{ id: string; snippet: string }[]>(Prisma.sql`
    SELECT n."id",
           ts_headline('english', regexp_replace(n."content", ${FRONT_MATTER}, ''), q.query,
             ${`StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`}) AS "snippet"
    FROM "Notebook" n, websearch_to_tsquery('english', ${query}) AS q(query)
    WHERE n."id" = ANY(${ids}::text[])
      AND to_tsvector('english', n."title" || ' ' || n."content") @@ q.query
    ORDER BY ts_rank(to_tsvector('english', n."title" || ' ' || n."content"), q.query) DESC, n."updatedAt" DESC
    LIMIT ${MAX_SEARCH_RESULTS}`);
}

import { getPrisma } from "../db/client";
import { readOutputItems } from "../executions/output-item";
import type { LastRun } from "./export-ipynb";
import { blockKey } from "../notebook/find-block";

// How many of the caller's newest runs of the notebook are looked through for each block's latest.
const MAX_ROWS = 5000;

/**
 * The stored output of the caller's own latest finished run of each block of a notebook, keyed
 * as blocks are told apart (by id, by place for runs from before ids). Nobody else's runs. The
 * stored JSON is read item by item (it came out of a sandbox): what is not well-formed is dropped.
 */
export async function lastRunOutputs(userId: string, notebookId: string): Promise<Map<string, LastRun>> {
  const rows = await getPrisma().execution.findMany({
    where: { userId, notebookId, finishedAt: { not: null } },
    select: { blockId: true, blockIndex: true, output: true, truncated: true },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: MAX_ROWS,
  });
  const latest = new Map<string, LastRun>();
  for (const row of rows) {
    const key = blockKey({ id: row.blockId, index: row.blockIndex });
    if (!latest.has(key)) latest.set(key, { items: readOutputItems(row.output), truncated: row.truncated });
  }
  return latest;
}

import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { findNotebookFor, type NotebookActor } from "../auth/notebook-access";
import { parseNotebook } from "../notebook/parse-notebook";

// How many of the author's newest runs of the notebook are looked through for each block's latest.
const MAX_ROWS = 5000;

/** One published run, shaped like a row of GET /api/sessions/:id/executions. */
export type PublishedExecution = {
  id: string;
  blockId: string;
  blockIndex: number;
  codeFingerprint: string | null;
  status: string;
  exitCode: number | null;
  output: unknown;
  truncated: boolean;
  artifacts: unknown;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
};

/** What readers are shown: who published, when, and each block's run. */
export type PublishedOutputs = {
  publishedAt: Date;
  publishedBy: { id: string; name: string };
  executions: PublishedExecution[];
};

/**
 * Publishes the caller's latest finished run of each block still in the notebook as the output
 * every reader sees (editors and owners only). It replaces whatever was published before.
 */
export async function publishOutputs(userId: string, notebookId: string): Promise<PublishedOutputs> {
  const { notebook } = await findNotebookFor(userId, notebookId, "edit");
  const blockIds = new Set(parseNotebook(notebook.content).flatMap((block) => (block.kind === "runnable" && block.id ? [block.id] : [])));
  const prisma = getPrisma();
  const rows = await prisma.execution.findMany({
    where: { userId, notebookId, finishedAt: { not: null }, blockId: { in: [...blockIds] } },
    select: { id: true, blockId: true },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: MAX_ROWS,
  });
  const latest = new Map<string, string>();
  for (const row of rows) if (row.blockId && !latest.has(row.blockId)) latest.set(row.blockId, row.id);
  if (latest.size === 0) {
    throw new AppError("conflict", "There is nothing to publish yet: run the blocks first, then publish their outputs.");
  }
  const publishedAt = new Date();
  await prisma.$transaction([
    prisma.publishedOutput.deleteMany({ where: { notebookId } }),
    prisma.publishedOutput.createMany({
      data: [...latest].map(([blockId, executionId]) => ({ notebookId, blockId, executionId, publishedById: userId, publishedAt })),
    }),
  ]);
  return (await readPublished(notebookId))!;
}

/** Takes the published outputs down (editors and owners): readers then see no output until they run. */
export async function unpublishOutputs(userId: string, notebookId: string): Promise<void> {
  await findNotebookFor(userId, notebookId, "edit");
  await getPrisma().publishedOutput.deleteMany({ where: { notebookId } });
}

/** The published outputs, for anyone who may read the notebook (a signed-out link holder too); null when none. */
export async function publishedOutputsFor(actor: NotebookActor, notebookId: string): Promise<PublishedOutputs | null> {
  await findNotebookFor(actor, notebookId, "read");
  return readPublished(notebookId);
}

async function readPublished(notebookId: string): Promise<PublishedOutputs | null> {
  const rows = await getPrisma().publishedOutput.findMany({
    where: { notebookId },
    select: {
      blockId: true,
      publishedAt: true,
      publishedBy: { select: { id: true, name: true } },
      execution: {
        select: {
          id: true,
          blockIndex: true,
          codeFingerprint: true,
          status: true,
          exitCode: true,
          output: true,
          truncated: true,
          artifacts: true,
          startedAt: true,
          finishedAt: true,
          durationMs: true,
        },
      },
    },
    orderBy: { execution: { blockIndex: "asc" } },
  });
  const first = rows[0];
  if (!first) return null;
  return {
    publishedAt: first.publishedAt,
    publishedBy: first.publishedBy,
    executions: rows.map(({ blockId, execution }) => ({ ...execution, blockId })),
  };
}

/** Whether an execution is published in a notebook (its artifacts are then the notebook readers'). */
export async function isPublished(executionId: string): Promise<boolean> {
  return (await getPrisma().publishedOutput.count({ where: { executionId } })) > 0;
}

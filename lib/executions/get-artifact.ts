import { getSettings } from "../config/settings";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { findNotebookFor } from "../auth/notebook-access";
import type { LinkTokenSource } from "../sharing/share-link-token";
import { artifactMime, isSafeArtifactName, readArtifact } from "../artifacts/artifact-files";
import { artifactResponse } from "../artifacts/artifact-response";

/**
 * An artifact of one of the user's own executions (another user's outputs are theirs alone, so
 * they are "not found"), while the user may still read the notebook, with headers that keep it
 * from running as a page.
 */
export async function getArtifact(userId: string, executionId: string, name: string, linkTokens?: LinkTokenSource): Promise<Response> {
  const execution = await getPrisma().execution.findFirst({ where: { id: executionId, userId } });
  if (execution) await findNotebookFor({ userId, linkToken: linkTokens?.(execution.notebookId) ?? null }, execution.notebookId, "read");
  const kept = (execution?.artifacts ?? []) as Array<{ name: string }>;
  if (!execution || !isSafeArtifactName(name) || !kept.some((artifact) => artifact.name === name)) {
    throw new AppError("not_found", "There is no such artifact.");
  }
  const bytes = await readArtifact(getSettings().dataDir, executionId, name).catch(() => {
    throw new AppError("not_found", "This artifact is no longer available.");
  });
  return artifactResponse(bytes, name, artifactMime(name), 3600);
}

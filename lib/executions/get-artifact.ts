import { getSettings } from "../config/settings";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { findNotebookFor } from "../auth/notebook-access";
import type { LinkTokenSource } from "../sharing/share-link-token";
import { artifactMime, isSafeArtifactName, readArtifact } from "../artifacts/artifact-files";
import { artifactResponse } from "../artifacts/artifact-response";
import { isPublished } from "../notebooks/published-outputs";

/**
 * An artifact of one of the user's own executions, or of one an author published, while the
 * caller may still read the notebook (a signed-out link holder may read published ones). Anyone
 * else's outputs are theirs alone, so they are "not found". Served with headers that keep it
 * from running as a page.
 */
export async function getArtifact(userId: string | null, executionId: string, name: string, linkTokens?: LinkTokenSource): Promise<Response> {
  const found = await getPrisma().execution.findUnique({ where: { id: executionId } });
  const execution = found && (found.userId === userId || (await isPublished(found.id))) ? found : null;
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

import type { App } from "@prisma/client";
import { findNotebookFor } from "../auth/notebook-access";
import { getSettings } from "../config/settings";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import type { BlockRef } from "../notebook/find-block";
import { withKeyedLock } from "../sessions/keyed-lock";
import { notebookAppId } from "./app-id";
import { codeFingerprint } from "../notebook/code-fingerprint";
import { createApp } from "./create-app";
import { appLockKey } from "./deploy-app";
import { startDeploy } from "./deploy-tasks";
import { notebookBlockSource } from "./notebook-block-source";
import { fetchAppSource } from "./source/app-source";

const DEFAULT_PORT = 7860;

function portOf(attrs: Record<string, string>): number {
  const port = Number(attrs.port);
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? port : DEFAULT_PORT;
}

/**
 * Deploys a notebook's `webapp <type>` block (the caller must be allowed to edit the notebook):
 * the first time it creates the block's app, afterwards it redeploys it with the notebook's
 * current files. The app's id is derived from the notebook and the block's id.
 */
export async function deployNotebookBlock({ userId, notebookId, block: ref }: { userId: string; notebookId: string; block: BlockRef }): Promise<App> {
  const { notebook } = await findNotebookFor(userId, notebookId, "edit");
  const { block, appType, source } = notebookBlockSource(notebook.content, ref);
  // Saving gives every block an id; a notebook not saved since blocks had them has none yet.
  if (block.id === null) throw new AppError("conflict", "This notebook was saved before blocks had ids: edit and save it once, then deploy.");
  const id = notebookAppId(notebook.id, block.id);
  const fields = { name: block.attrs.name ?? `${notebook.title} · ${block.id}`, appType, port: portOf(block.attrs) };
  const existing = await getPrisma().app.findUnique({ where: { id } });
  if (existing && (existing.notebookId !== notebook.id || existing.blockId !== block.id)) {
    // Never write a notebook's files into an app that is not this block's (one made before the
    // `nb-` prefix was reserved, say): it would stay someone else's.
    throw new AppError("conflict", `The app id ${id} is taken by an app that is not this block's: ask an administrator to remove it.`);
  }
  if (!existing) {
    return createApp({ id, ...fields, env: {}, source, ownerId: userId, notebook: { id: notebook.id, blockIndex: block.index, blockId: block.id, codeFingerprint: codeFingerprint(block.code) } });
  }
  const app = await withKeyedLock(appLockKey(id), async () => {
    await fetchAppSource(getSettings(), id, source);
    return getPrisma().app.update({ where: { id }, data: { ...fields, blockIndex: block.index, codeFingerprint: codeFingerprint(block.code) } });
  });
  void startDeploy(id);
  if (app.status === "running") return app;
  return getPrisma().app.update({ where: { id }, data: { status: "building", statusReason: null } });
}

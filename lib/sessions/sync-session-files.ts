import type { Session } from "@prisma/client";
import type { Sandbox } from "../containers/backend";
import { getPrisma } from "../db/client";
import type { NotebookBlock } from "../notebook/types";
import { fileBlocks, fileChanges, type FileState } from "./workspace-files";

/**
 * Brings the workspace's file blocks up to date with the notebook: changed ones written, removed
 * ones deleted. Returns the paths written (a kernel may have imported them).
 */
export async function syncSessionFiles(session: Session, sandbox: Sandbox, blocks: NotebookBlock[]): Promise<string[]> {
  const seeded = (session.seededFiles ?? {}) as FileState;
  const { write, remove, state } = fileChanges(seeded, fileBlocks(blocks));
  if (write.length === 0 && remove.length === 0) return [];
  await sandbox.seedFiles(write);
  await sandbox.removeFiles(remove);
  await getPrisma().session.update({ where: { id: session.id }, data: { seededFiles: state } });
  session.seededFiles = state;
  return write.map((file) => file.path);
}

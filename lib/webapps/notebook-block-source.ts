import { AppError } from "../http/app-error";
import { parseNotebook } from "../notebook/parse-notebook";
import { blockName, findBlock, type BlockRef } from "../notebook/find-block";
import type { AppType, NotebookBlock } from "../notebook/types";
import { entryFileOf } from "./app-build-context";
import type { AppSource } from "./source/app-source";

export type NotebookBlockApp = { block: NotebookBlock; appType: AppType; source: AppSource };

/**
 * A `webapp <type>` block as an app's files: its body is the entry file (app.py, index.html or
 * Dockerfile) and every file block of the notebook ships beside it.
 */
export function notebookBlockSource(markdown: string, ref: BlockRef): NotebookBlockApp {
  const blocks = parseNotebook(markdown);
  const block = findBlock(blocks, ref);
  const name = blockName(ref);
  if (!block || block.kind !== "webapp" || !block.appType) {
    throw new AppError("bad_request", `${name} is not a webapp block.`);
  }
  if (block.error) throw new AppError("bad_request", `${name} cannot be deployed: ${block.error}`);
  const entry = entryFileOf(block.appType);
  const files = blocks
    .filter((candidate) => candidate.kind === "file" && !candidate.error && candidate.path && candidate.path !== entry)
    .map((candidate) => ({ path: candidate.path!, content: candidate.code }));
  files.push({ path: entry, content: block.code.endsWith("\n") ? block.code : `${block.code}\n` });
  return { block, appType: block.appType, source: { kind: "files", files } };
}

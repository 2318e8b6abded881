import type { NotebookBlock } from "../../lib/notebook/types";

/** The block's `id=`: the name a report gives a block, which survives edits around it. */
export function blockIdOf(block: NotebookBlock): string | undefined {
  return block.id ?? undefined;
}

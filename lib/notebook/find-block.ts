import type { NotebookBlock } from "./types";

/** How the API names a block: by its id, or by its index in the saved notebook (API.md). */
export type BlockRef = { id: string } | { index: number };

export function findBlock(blocks: readonly NotebookBlock[], ref: BlockRef): NotebookBlock | undefined {
  return "id" in ref ? blocks.find((block) => block.id === ref.id) : blocks[ref.index];
}

/** `Block 3` or `Block "load"`, to start a sentence about a block. */
export function blockName(ref: BlockRef): string {
  return "id" in ref ? `Block "${ref.id}"` : `Block ${ref.index}`;
}

/** A block's key where outputs are kept: its id, or its place while it has none yet. */
export function blockKey(block: { id: string | null; index: number }): string {
  return block.id ?? `#${block.index}`;
}

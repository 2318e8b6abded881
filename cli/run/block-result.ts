import type { OutputComparison } from "../../lib/notebook/compare-output";
import type { ExpectedOutput } from "../../lib/notebook/types";

export type ExpectationResult = Pick<ExpectedOutput, "stream" | "match"> & OutputComparison;

export type BlockStatus = "passed" | "failed" | "skipped";

export type BlockResult = {
  index: number;
  /** The block's `id=` attribute, when it has one: a name that survives edits. */
  id?: string;
  runtime?: string;
  status: BlockStatus;
  exitCode: number | null;
  durationMs: number;
  stdout: string;
  stderr: string;
  /** Why the block failed, in words (a non-zero exit, a timeout, a mismatch, a refused block). */
  failure?: string;
  expectations: ExpectationResult[];
};

export type NotebookResult = {
  file: string;
  ok: boolean;
  durationMs: number;
  blocks: BlockResult[];
  /** A failure of the whole notebook (the server refused it, the stream broke). */
  error?: string;
};

export function blockName(block: Pick<BlockResult, "index" | "id" | "runtime">): string {
  return `block ${block.index}${block.id ? ` (${block.id})` : ""}${block.runtime ? ` ${block.runtime}` : ""}`;
}

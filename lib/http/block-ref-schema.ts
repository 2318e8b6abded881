import { z } from "zod";
import { isBlockId } from "../notebook/block-id";
import type { BlockRef } from "../notebook/find-block";

const MAX_INDEX = 100_000;

/** A path segment naming a block: all digits is an index, anything else must be a block id. */
export const blockRefSchema = z.string().transform((segment, context): BlockRef => {
  if (/^\d{1,6}$/.test(segment) && Number(segment) <= MAX_INDEX) return { index: Number(segment) };
  if (isBlockId(segment)) return { id: segment };
  context.addIssue({ code: "custom", message: "Name the block by its id (a letter, then letters, digits, '_' or '-') or by its index." });
  return z.NEVER;
});

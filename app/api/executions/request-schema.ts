import { z } from "zod";
import { isBlockId } from "@/lib/notebook/block-id";

export const runBlockSchema = z
  .object({
    sessionId: z.string().min(1).max(100),
    blockId: z.string().refine(isBlockId, "blockId is not a block id: a letter, then letters, digits, '_' or '-'.").optional(),
    blockIndex: z.number().int().min(0).max(100_000).optional(),
    version: z.number().int().positive().optional(),
  })
  .refine((body) => (body.blockId === undefined) !== (body.blockIndex === undefined), "Name the block by blockId or by blockIndex, one of the two.");

import { z } from "zod";


export const runBlockSchema = z.object({
  sessionId: z.string().min(1).max(100),
  blockIndex: z.number().int().min(0).max(100_000),
  version: z.number().int().positive().optional(),
});

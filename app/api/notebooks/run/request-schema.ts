import { z } from "zod";

export const runScratchNotebookSchema = z.object({
  content: z.string(),
  stopOnFailure: z.boolean().default(true),
});

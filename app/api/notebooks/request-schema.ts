import { z } from "zod";
import { notebookTitleSchema } from "@/lib/notebooks/notebook-fields";

export const createNotebookSchema = z.object({
  /** absent: the title follows the first `#` heading */
  title: notebookTitleSchema.optional(),
  content: z.string().default(""),
  teamId: z.string().optional(),
});

export const listNotebooksQuerySchema = z.object({
  q: z.string().trim().min(1, "is empty: type some words to search for").max(200, "must be at most 200 characters").optional(),
});

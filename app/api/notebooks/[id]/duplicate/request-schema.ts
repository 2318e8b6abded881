import { z } from "zod";
import { notebookTitleSchema } from "@/lib/notebooks/notebook-fields";

export const duplicateNotebookSchema = z.object({
  /** the copy's title; "<title> (copy)" when absent */
  title: notebookTitleSchema.optional(),
  /** a team to put the copy in; personal when absent */
  teamId: z.string().optional(),
});

import { z } from "zod";
import { notebookTitleSchema } from "@/lib/notebooks/notebook-fields";

export const createNotebookSchema = z.object({
  title: notebookTitleSchema,
  content: z.string().default(""),
  teamId: z.string().optional(),
});

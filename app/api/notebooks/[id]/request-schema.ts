import { z } from "zod";
import { notebookTitleSchema } from "@/lib/notebooks/notebook-fields";

export const updateNotebookSchema = z
  .object({
    title: notebookTitleSchema.optional(),
    content: z.string().optional(),
    baseVersion: z.number().int().positive(),
  })
  .refine((fields) => fields.title !== undefined || fields.content !== undefined, "Send a title or content to change.");

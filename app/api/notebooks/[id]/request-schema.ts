import { z } from "zod";
import { notebookTitleSchema } from "@/lib/notebooks/notebook-fields";

export const updateNotebookSchema = z
  .object({
    /** null: the title follows the first `#` heading again */
    title: notebookTitleSchema.nullable().optional(),
    content: z.string().optional(),
    /** required with content; a rename alone may leave it out */
    baseVersion: z.number().int().positive().optional(),
  })
  .refine((fields) => fields.title !== undefined || fields.content !== undefined, "Send a title or content to change.")
  .refine((fields) => fields.content === undefined || fields.baseVersion !== undefined, {
    message: "is required with content",
    path: ["baseVersion"],
  });

import { z } from "zod";
import { notebookTitleSchema } from "@/lib/notebooks/notebook-fields";

export const importQuerySchema = z.object({
  title: notebookTitleSchema.optional(),
  outputs: z.enum(["0", "1"], { error: "must be 0 or 1" }).default("1"),
  teamId: z.string().optional(),
});

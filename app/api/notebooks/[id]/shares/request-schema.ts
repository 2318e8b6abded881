import { z } from "zod";

export const shareSchema = z.object({
  email: z.string().trim().min(1, "is required").max(254),
  role: z.enum(["viewer", "editor"]),
});

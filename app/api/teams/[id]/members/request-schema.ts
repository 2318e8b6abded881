import { z } from "zod";

export const addMemberSchema = z.object({
  email: z.string().trim().min(1, "is required").max(254),
  role: z.enum(["owner", "editor", "viewer"]),
});

import { z } from "zod";

export const appLogsQuerySchema = z.object({
  tail: z.coerce.number({ error: "tail must be a number." }).int().min(0).max(10_000).default(100),
  follow: z.enum(["0", "1", "true", "false"]).default("0"),
});

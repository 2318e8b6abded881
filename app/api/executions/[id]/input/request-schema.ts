import { z } from "zod";

export const inputSchema = z.object({
  value: z.string().max(1024 ** 2, "value must be at most 1 MiB of text."),
});

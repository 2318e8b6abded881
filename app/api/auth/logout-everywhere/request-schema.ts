import { z } from "zod";

export const logOutEverywhereSchema = z.object({
  keepCurrent: z.boolean().default(false).describe("Keep the session that sends this request signed in (a fresh cookie is set)."),
});

import { z } from "zod";

export const createLinkSchema = z.object({ access: z.enum(["read", "run"]) });

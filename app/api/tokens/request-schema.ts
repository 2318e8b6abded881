import { z } from "zod";

export const createTokenSchema = z.object({ name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters") });

import { z } from "zod";

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  expiresAt: z.iso
    .datetime({ offset: true, error: "must be a date and time such as 2027-01-31T00:00:00Z" })
    .nullable()
    .default(null)
    .describe("When the token stops working (ISO 8601); null or absent: never."),
});

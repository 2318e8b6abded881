import { z } from "zod";

export const exportQuerySchema = z.object({ format: z.enum(["md", "ipynb"], { error: "must be md or ipynb" }).default("md") });

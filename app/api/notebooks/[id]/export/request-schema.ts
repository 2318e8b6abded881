import { z } from "zod";

export const exportQuerySchema = z.object({
  format: z.enum(["md", "ipynb"], { error: "must be md or ipynb" }).default("md"),
  // ipynb only: the cells' outputs are the expected outputs, or your last run's output.
  outputs: z.enum(["expected", "last"], { error: "must be expected or last" }).default("expected"),
});

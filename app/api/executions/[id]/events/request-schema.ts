import { z } from "zod";

export const eventsFromSchema = z.coerce
  .number({ error: "from must be the number of events already read." })
  .int("from must be a whole number.")
  .min(0, "from cannot be negative.")
  .max(10_000_000, "from is past any run's events.");

import { z } from "zod";

export const runRScriptSchema = z.object({ script: z.string() });

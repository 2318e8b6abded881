import { z } from "zod";
import { KERNEL_RUNTIMES } from "@/lib/notebook/run-mode";

export const COMPLETE_CODE_MAX_CHARS = 100_000;

export const completeSchema = z
  .object({
    runtime: z.enum(KERNEL_RUNTIMES, {
      error: `runtime must be a language with a kernel: ${KERNEL_RUNTIMES.join(", ")} (go blocks are compiled one by one, so nothing completes them).`,
    }),
    code: z.string().max(COMPLETE_CODE_MAX_CHARS, `code must be at most ${COMPLETE_CODE_MAX_CHARS} characters.`),
    cursor: z.number().int().min(0, "cursor must be an offset inside code."),
  })
  .refine((body) => body.cursor <= body.code.length, { message: "cursor must be an offset inside code.", path: ["cursor"] });

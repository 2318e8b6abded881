import { z } from "zod";
import { describeByteSize } from "../config/byte-size";
import { AppError } from "../http/app-error";

export const MAX_CONTENT_BYTES = 1024 ** 2;
// JSON escaping can make a body several times its content (every "\n" is two bytes, a control
// character six): a body this size can always carry content at the limit, which is then
// measured exactly, with its own 413.
export const NOTEBOOK_BODY_MAX_BYTES = 8 * 1024 ** 2;

export const notebookTitleSchema = z.string().trim().min(1, "is required").max(200, "must be at most 200 characters");

/** Refuses content past 1 MiB of UTF-8 (413), however the request arrived. */
export function assertContentFits(content: string): void {
  const bytes = Buffer.byteLength(content, "utf8");
  if (bytes > MAX_CONTENT_BYTES) {
    throw new AppError("payload_too_large", `A notebook can hold at most ${describeByteSize(MAX_CONTENT_BYTES)} of text; this one is ${describeByteSize(bytes)}.`);
  }
}

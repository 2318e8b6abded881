import { RateLimitError } from "../http/app-error";
import { counted } from "../http/counted";

// On globalThis, as deploy-tasks.ts: Next may load this module twice in one process.
const key = Symbol.for("runnel.upload-slots");
type WithUploads = typeof globalThis & { [key]?: Map<string, number> };

/**
 * Runs `work` (reading and unpacking one app upload) unless `owner` already has `max` under way:
 * then a 429, so one account cannot hold the server's memory and disk with parallel uploads.
 */
export async function withUploadSlot<T>(owner: string, max: number, work: () => Promise<T>): Promise<T> {
  const store = globalThis as WithUploads;
  const running = (store[key] ??= new Map());
  const count = running.get(owner) ?? 0;
  if (count >= max) throw new RateLimitError(`You have ${counted(count, "app upload")} under way already (at most ${max} at once). Try again when one has finished.`, 5);
  running.set(owner, count + 1);
  try {
    return await work();
  } finally {
    const left = running.get(owner)! - 1;
    if (left === 0) running.delete(owner);
    else running.set(owner, left);
  }
}

import { RateLimitError } from "../http/app-error";
import { counted } from "../http/counted";

// Each run of an unsaved notebook holds a container for as long as it streams, so one account
// cannot fill the engine with them; a CI job runs its notebooks one after another.
const MAX_PER_USER = 2;
const running = new Map<string, number>();

/** Claims a slot for the user's run; the returned function gives it back (once). */
export function claimScratchRun(userId: string): () => void {
  const count = running.get(userId) ?? 0;
  if (count >= MAX_PER_USER) {
    throw new RateLimitError(`You already have ${counted(MAX_PER_USER, "notebook run")} going; wait for one to finish.`, 5);
  }
  running.set(userId, count + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (running.get(userId) ?? 1) - 1;
    if (left > 0) running.set(userId, left);
    else running.delete(userId);
  };
}

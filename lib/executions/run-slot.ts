import type { Settings } from "../config/settings";
import { RateLimitError } from "../http/app-error";
import { concurrencySlots } from "../limits/concurrency-slots";

// A block past the limit is refused, not queued: a queued run would hold the reader's request
// open with nothing to show, and the notebook's Run all already runs blocks one after another.
const RETRY_AFTER_SECONDS = 5;

/** A slot among the session's MAX_RUNS_PER_SESSION concurrent runs; call the result to give it back. */
export function takeRunSlot(settings: Settings, sessionId: string): () => void {
  const release = concurrencySlots("session-runs").tryTake(sessionId, settings.MAX_RUNS_PER_SESSION);
  if (release) return release;
  const max = settings.MAX_RUNS_PER_SESSION;
  throw new RateLimitError(
    `${max === 1 ? "A block is" : `${max} blocks are`} already running in this session, the most it runs at once ` +
      "(MAX_RUNS_PER_SESSION). Wait for one to finish or cancel it, then run this block again.",
    RETRY_AFTER_SECONDS,
  );
}

import type { Settings } from "../config/settings";
import { RateLimitError } from "../http/app-error";
import { counted } from "../http/counted";
import { concurrencySlots } from "../limits/concurrency-slots";
import { ownerOf, type RunnerCaller } from "./runner-caller";

// R scripts run for seconds (RUN_TIMEOUT_SECONDS at most); a refused caller retries soon.
const RETRY_AFTER_SECONDS = 5;
const ALL = "all";

/**
 * Slots among the caller's MAX_R_RUNS_PER_CALLER and the host's MAX_R_RUNS concurrent R runs,
 * taken before any container exists; call the result to give both back.
 */
export function takeRRunSlot(settings: Settings, caller: RunnerCaller): () => void {
  const slots = concurrencySlots("r-runs");
  const mine = slots.tryTake(`caller:${ownerOf(caller)}`, settings.MAX_R_RUNS_PER_CALLER);
  if (!mine) {
    throw new RateLimitError(
      `You already have ${counted(settings.MAX_R_RUNS_PER_CALLER, "R script")} running, the most one caller may run at once ` +
        "(MAX_R_RUNS_PER_CALLER). Wait for one to finish, then send this script again.",
      RETRY_AFTER_SECONDS,
    );
  }
  const shared = slots.tryTake(ALL, settings.MAX_R_RUNS);
  if (!shared) {
    mine();
    throw new RateLimitError(
      `This server is running ${counted(settings.MAX_R_RUNS, "R script")}, as many as it runs at once (MAX_R_RUNS). ` +
        "Send this script again in a few seconds.",
      RETRY_AFTER_SECONDS,
    );
  }
  return () => {
    shared();
    mine();
  };
}

import { totalmem } from "node:os";
import type { Settings } from "../config/settings";

// Sessions may use SESSION_MEMORY each; a quarter of the host stays for Runnel, the engine, R
// runs and web apps, so a full house slows nobody into the OOM killer.
const SHARE_FOR_SESSIONS = 0.75;

/** MAX_SESSIONS, or when unset as many sessions as fit into three quarters of the host's memory. */
export function hostSessionLimit(settings: Settings, hostMemoryBytes = totalmem()): number {
  if (settings.MAX_SESSIONS !== undefined) return settings.MAX_SESSIONS;
  return Math.max(1, Math.floor((hostMemoryBytes * SHARE_FOR_SESSIONS) / settings.SESSION_MEMORY));
}

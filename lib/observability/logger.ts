import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import { getSettings } from "../config/settings";

// One logger per process. Next loads server modules in its own bundles beside server.ts, so
// the instance lives on globalThis, as the Prisma client does.
const globalKey = Symbol.for("runnel.logger");
type GlobalWithLogger = typeof globalThis & { [globalKey]?: Logger };

/**
 * JSON lines on stdout (pretty in development). What goes in a line is chosen by its caller:
 * ids, runtimes, durations and statuses — never code, output, tokens or passwords. Fields named
 * like secrets are redacted in case one slips in.
 */
export function getLogger(): Logger {
  const store = globalThis as GlobalWithLogger;
  store[globalKey] ??= createLogger();
  return store[globalKey];
}

function createLogger(): Logger {
  const settings = getSettings();
  const options = {
    level: settings.LOG_LEVEL,
    base: { service: "runnel" },
    redact: { paths: ["password", "token", "secret", "authorization", "cookie", "*.password", "*.token", "*.authorization", "*.cookie"], censor: "[redacted]" },
  };
  const wantPretty = settings.LOG_PRETTY ?? settings.NODE_ENV === "development";
  // pino-pretty as a stream (not a worker transport), which Next's server bundles cannot resolve.
  return wantPretty ? pino(options, pretty({ sync: true, ignore: "pid,hostname,service" })) : pino(options);
}

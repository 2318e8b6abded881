import type { IncomingMessage, ServerResponse } from "node:http";
import { sameSecret } from "../auth/same-secret";
import type { Settings } from "../config/settings";
import { getPrisma } from "../db/client";
import { getWarmPool } from "../sessions/warm-pool";
import { getMetrics } from "./metrics";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/** Whoever may read /metrics: a holder of METRICS_TOKEN when it is set, otherwise loopback only. */
function mayRead(request: IncomingMessage, settings: Settings): boolean {
  if (settings.METRICS_TOKEN) {
    const header = request.headers.authorization ?? "";
    const token = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
    return token !== "" && sameSecret(token, settings.METRICS_TOKEN);
  }
  return LOOPBACK.has(request.socket.remoteAddress ?? "");
}

/** GET /metrics in Prometheus' text format; gauges that mirror state are read at scrape time. */
export async function serveMetrics(request: IncomingMessage, response: ServerResponse, settings: Settings): Promise<void> {
  if (!mayRead(request, settings)) {
    response.writeHead(settings.METRICS_TOKEN ? 401 : 403, { "content-type": "text/plain; charset=utf-8" });
    response.end(settings.METRICS_TOKEN ? "Send METRICS_TOKEN as a Bearer token.\n" : "Metrics answer loopback clients only; set METRICS_TOKEN to read them from elsewhere.\n");
    return;
  }
  const metrics = getMetrics();
  try {
    metrics.liveSessions.set(await getPrisma().session.count({ where: { status: { not: "ended" } } }));
  } catch {
    // A database that does not answer leaves the gauge at its last value; health says why.
  }
  metrics.warmPoolSize.set(getWarmPool()?.available ?? 0);
  response.writeHead(200, { "content-type": metrics.registry.contentType });
  response.end(await metrics.registry.metrics());
}

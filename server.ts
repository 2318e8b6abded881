// Runnel's HTTP server: Next's request handler behind a plain Node server, so the app-subdomain
// proxy, /metrics and the background jobs sit beside it in one process.
import "dotenv/config";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { getSettings, SettingsError } from "./lib/config/settings";
import { disconnectPrisma } from "./lib/db/client";
import { applyMigrationsAtStart } from "./lib/db/apply-migrations-at-start";
import { acceptForwardedHeaders, trustedProxyList } from "./lib/http/accept-forwarded-headers";
import { securityHeaders } from "./lib/http/security-headers";
import { startBackgroundJobs } from "./lib/jobs/start-background-jobs";
import { getLogger } from "./lib/observability/logger";
import { getMetrics } from "./lib/observability/metrics";
import { closeRequestFacts, openRequestFacts } from "./lib/observability/request-context";
import { REQUEST_ID_HEADER, requestIdFrom } from "./lib/observability/request-id";
import { serveMetrics } from "./lib/observability/serve-metrics";
import { createRunnelAppProxy } from "./lib/webapps/proxy/runnel-app-proxy";

function loadSettings() {
  try {
    return getSettings();
  } catch (error) {
    if (error instanceof SettingsError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const settings = loadSettings();
const log = getLogger();
const dev = settings.NODE_ENV !== "production";
// Before anything can use the database: a server never serves a schema it cannot use.
await applyMigrationsAtStart(settings, log);
const app = next({ dev, hostname: settings.HOST, port: settings.PORT });
await app.prepare();
const handle = app.getRequestHandler();
const handleUpgrade = app.getUpgradeHandler();
// Requests for `<slug>.<APPS_DOMAIN>` go to that app's container; everything else is Runnel.
const appProxy = createRunnelAppProxy(settings);
const metrics = getMetrics();
const ownHeaders = Object.entries(securityHeaders(settings));
const trustedProxies = trustedProxyList(settings.TRUSTED_PROXIES);

/** Gives the request an id (in its headers for the routes, and in the response), and logs one line when it ends. */
function trackRequest(request: IncomingMessage, response: ServerResponse): void {
  const requestId = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
  request.headers[REQUEST_ID_HEADER] = requestId;
  response.setHeader(REQUEST_ID_HEADER, requestId);
  openRequestFacts(requestId);
  const started = process.hrtime.bigint();
  response.once("close", () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const status = response.writableFinished ? response.statusCode : 499;
    // The path without its query: query strings can carry link and access tokens.
    const path = (request.url ?? "/").split("?")[0];
    metrics.httpRequestSeconds.observe({ method: request.method ?? "GET", code: String(status) }, seconds);
    log.info(
      { requestId, method: request.method, path, host: request.headers.host, status, durationMs: Math.round(seconds * 1000), ...closeRequestFacts(requestId) },
      "request",
    );
  });
}

const server = createServer((request, response) => {
  acceptForwardedHeaders(request.headers, request.socket.remoteAddress, trustedProxies);
  trackRequest(request, response);
  if (appProxy.handleRequest(request, response)) return;
  for (const [name, value] of ownHeaders) response.setHeader(name, value);
  if (request.url === "/metrics" || request.url?.startsWith("/metrics?")) {
    serveMetrics(request, response, settings).catch((error: unknown) => {
      log.error({ err: error }, "metrics failed");
      if (!response.headersSent) response.writeHead(500).end();
    });
    return;
  }
  handle(request, response).catch((error: unknown) => {
    log.error({ err: error, requestId: request.headers[REQUEST_ID_HEADER] }, "request failed");
    if (!response.headersSent) response.writeHead(500).end();
  });
});

// An idle keep-alive connection is closed by the side whose timeout ends first. When that is the
// server, a client's next request on the connection can cross the close and fail with
// ECONNRESET. So the server waits longer than the proxies and clients in front of it (60 s is
// the common idle timeout), and the headers' timeout stays above it, as Node requires.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

// WebSocket upgrades: an app's, or Next's own (dev HMR).
server.on("upgrade", (request, socket, head) => {
  acceptForwardedHeaders(request.headers, request.socket.remoteAddress, trustedProxies);
  if (appProxy.handleUpgrade(request, socket, head)) return;
  handleUpgrade(request, socket, head).catch((error: unknown) => {
    log.error({ err: error }, "upgrade failed");
    socket.destroy();
  });
});

server.on("error", (error: NodeJS.ErrnoException) => {
  const reason = error.code === "EADDRINUSE" ? `port ${settings.PORT} is already in use (set PORT to use another)` : error.message;
  log.fatal(`cannot listen on ${settings.HOST}:${settings.PORT}: ${reason}`);
  process.exit(1);
});

const stopJobs = startBackgroundJobs();

server.listen(settings.PORT, settings.HOST, () => {
  const shown = settings.HOST === "0.0.0.0" || settings.HOST === "127.0.0.1" ? "localhost" : settings.HOST;
  log.info(`Runnel is ready on http://${shown}:${settings.PORT} (${dev ? "development" : "production"})`);
});

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info(`${signal}: shutting down`);
  server.close();
  server.closeAllConnections();
  stopJobs()
    .then(() => disconnectPrisma())
    .catch((error: unknown) => log.error({ err: error }, "database close failed"))
    .finally(() => process.exit(0));
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));

// Runnel's HTTP server: Next's request handler behind a plain Node server, so later layers
// (the app-subdomain proxy, background jobs) can sit beside it in one process.
import "dotenv/config";
import { createServer } from "node:http";
import next from "next";
import { getSettings, SettingsError } from "./lib/config/settings";
import { disconnectPrisma } from "./lib/db/client";
import { acceptForwardedHeaders, trustedProxyList } from "./lib/http/accept-forwarded-headers";
import { securityHeaders } from "./lib/http/security-headers";
import { startBackgroundJobs } from "./lib/jobs/start-background-jobs";
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
const dev = settings.NODE_ENV !== "production";
const app = next({ dev, hostname: settings.HOST, port: settings.PORT });
await app.prepare();
const handle = app.getRequestHandler();
const handleUpgrade = app.getUpgradeHandler();
// Requests for `<slug>.<APPS_DOMAIN>` go to that app's container; everything else is Runnel.
const appProxy = createRunnelAppProxy(settings);
const ownHeaders = Object.entries(securityHeaders(settings));
const trustedProxies = trustedProxyList(settings.TRUSTED_PROXIES);

const server = createServer((request, response) => {
  acceptForwardedHeaders(request.headers, request.socket.remoteAddress, trustedProxies);
  if (appProxy.handleRequest(request, response)) return;
  for (const [name, value] of ownHeaders) response.setHeader(name, value);
  handle(request, response).catch((error: unknown) => {
    console.error("[server] request failed", error);
    if (!response.headersSent) response.writeHead(500).end();
  });
});

// WebSocket upgrades: an app's, or Next's own (dev HMR).
server.on("upgrade", (request, socket, head) => {
  acceptForwardedHeaders(request.headers, request.socket.remoteAddress, trustedProxies);
  if (appProxy.handleUpgrade(request, socket, head)) return;
  handleUpgrade(request, socket, head).catch((error: unknown) => {
    console.error("[server] upgrade failed", error);
    socket.destroy();
  });
});

server.on("error", (error: NodeJS.ErrnoException) => {
  const reason = error.code === "EADDRINUSE" ? `port ${settings.PORT} is already in use (set PORT to use another)` : error.message;
  console.error(`[server] cannot listen on ${settings.HOST}:${settings.PORT}: ${reason}`);
  process.exit(1);
});

const stopJobs = startBackgroundJobs();

server.listen(settings.PORT, settings.HOST, () => {
  const shown = settings.HOST === "0.0.0.0" || settings.HOST === "127.0.0.1" ? "localhost" : settings.HOST;
  console.log(`[server] Runnel is ready on http://${shown}:${settings.PORT} (${dev ? "development" : "production"})`);
});

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[server] ${signal}: shutting down`);
  server.close();
  server.closeAllConnections();
  stopJobs()
    .then(() => disconnectPrisma())
    .catch((error: unknown) => console.error("[server] database close failed", error))
    .finally(() => process.exit(0));
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));

import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import type { Duplex } from "node:stream";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "../../auth/session-cookie";
import { APP_ACCESS_COOKIE } from "../app-access-cookie";
import { decideAppAccess, type MayRead } from "./app-access-gate";
import { appSlugFromHost } from "./app-host";
import type { AppRoute, AppRouteLookup } from "./app-route-cache";
import { requestHeadersForApp } from "./forward-headers";
import { forwardHttp, type ForwardTarget } from "./forward-http";
import { forwardUpgrade } from "./forward-upgrade";
import { renderStatusPage, statusPageFor, unreachablePage, type StatusPage } from "./status-page";
import { getLogger } from "../../observability/logger";

// Runnel's own cookies never reach an app: its access cookie, and a session cookie that a
// browser sends to an app host because it was set for a parent domain (never by Runnel).
const RUNNEL_COOKIES = [APP_ACCESS_COOKIE, SESSION_COOKIE, SECURE_SESSION_COOKIE];

export type AppProxyOptions = {
  appsDomain: string;
  routes: AppRouteLookup;
  mayRead: MayRead;
  /** Where published ports listen (Docker publishes app ports on 127.0.0.1 only). */
  upstreamHost?: string;
};

export type AppProxy = {
  /** Serves the request when its Host names an app; false when it is Runnel's own. */
  handleRequest(request: IncomingMessage, response: ServerResponse): boolean;
  /** Takes an upgrade whose Host names an app; false leaves it to Next. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
};

type Admission =
  | { kind: "forward"; route: AppRoute; target: ForwardTarget }
  | { kind: "page"; page: StatusPage }
  | { kind: "redirect"; location: string; setCookie: string };

/** The subdomain reverse proxy: `<slug>.<appsDomain>` → the app's published port. */
export function createAppProxy({ appsDomain, routes, mayRead, upstreamHost = "127.0.0.1" }: AppProxyOptions): AppProxy {
  function forwardable(route: AppRoute | null): ForwardTarget | null {
    return route?.status === "running" && route.hostPort !== null ? { host: upstreamHost, port: route.hostPort } : null;
  }

  // Access first, state second: a private app's state is shown only to those who may use it.
  async function admit(slug: string, request: IncomingMessage, upgrade: boolean): Promise<Admission> {
    const route = await routes.get(slug);
    if (!route) return { kind: "page", page: statusPageFor(slug, null) };
    const decision = await decideAppAccess(accessRequest(route, request, upgrade), mayRead);
    if (decision.kind === "deny") return { kind: "page", page: statusPageFor(slug, null) };
    if (decision.kind === "redirect") return decision;
    const target = forwardable(route);
    return target ? { kind: "forward", route, target } : { kind: "page", page: statusPageFor(slug, route) };
  }

  async function serve(slug: string, request: IncomingMessage, response: ServerResponse) {
    const admission = await admit(slug, request, false);
    if (admission.kind === "page") return sendPage(response, admission.page);
    if (admission.kind === "redirect") {
      response.writeHead(302, { location: admission.location, "set-cookie": admission.setCookie, "cache-control": "no-store" });
      return response.end();
    }
    const headers = requestHeadersForApp(request.headers, clientFacts(request), { dropCookies: RUNNEL_COOKIES });
    let failure = await forwardHttp(request, response, admission.target, headers);
    if (failure?.retryable) {
      // Refused by the port the cache still names: a redeploy may have just moved the app.
      const fresh = forwardable(await routes.refresh(slug));
      if (fresh && fresh.port !== admission.target.port) failure = await forwardHttp(request, response, fresh, headers);
    }
    if (failure && !response.headersSent) sendPage(response, unreachablePage(slug));
  }

  async function serveUpgrade(slug: string, request: IncomingMessage, socket: Duplex, head: Buffer) {
    const admission = await admit(slug, request, true);
    if (admission.kind === "page") return refuseUpgrade(socket, admission.page);
    if (admission.kind === "redirect") return refuseUpgrade(socket, statusPageFor(slug, null));
    const headers = requestHeadersForApp(request.headers, clientFacts(request), { upgrade: true, dropCookies: RUNNEL_COOKIES });
    if (!(await forwardUpgrade(request, socket, head, admission.target, headers))) refuseUpgrade(socket, unreachablePage(slug));
  }

  return {
    handleRequest(request, response) {
      const slug = appSlugFromHost(request.headers.host, appsDomain);
      if (!slug) return false;
      serve(slug, request, response).catch((error: unknown) => {
        getLogger().error({ err: error, app: slug }, "proxied request failed");
        if (!response.headersSent) sendPage(response, { status: 500, title: "Proxy error", message: "Runnel could not pass this request on.", retry: false });
        else response.destroy();
      });
      return true;
    },
    handleUpgrade(request, socket, head) {
      const slug = appSlugFromHost(request.headers.host, appsDomain);
      if (!slug) return false;
      socket.on("error", () => socket.destroy());
      serveUpgrade(slug, request, socket, head).catch((error: unknown) => {
        getLogger().error({ err: error, app: slug }, "proxied upgrade failed");
        socket.destroy();
      });
      return true;
    },
  };
}

function accessRequest(route: AppRoute, request: IncomingMessage, upgrade: boolean) {
  return {
    route,
    url: request.url ?? "/",
    cookie: request.headers.cookie,
    host: request.headers.host ?? "",
    secure: clientFacts(request).encrypted || request.headers["x-forwarded-proto"] === "https",
    upgrade,
  };
}

function clientFacts(request: IncomingMessage) {
  return { remoteAddress: request.socket.remoteAddress, encrypted: Boolean((request.socket as TLSSocket).encrypted) };
}

function sendPage(response: ServerResponse, page: StatusPage) {
  const body = renderStatusPage(page);
  response.writeHead(page.status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    ...(page.retry ? { "retry-after": "3" } : {}),
  });
  response.end(body);
}

function refuseUpgrade(socket: Duplex, page: StatusPage) {
  const body = renderStatusPage(page);
  const reason = page.status === 404 ? "Not Found" : page.status === 502 ? "Bad Gateway" : "Service Unavailable";
  socket.end(
    `HTTP/1.1 ${page.status} ${reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

import type { IncomingMessage, ServerResponse } from "node:http";
import { decideAppAccess, type MayRead } from "./app-access-gate";
import { appSlugFromHost } from "./app-host";
import type { AppRouteLookup } from "./app-route-cache";
import { renderStatusPage, statusPageFor } from "./status-page";
import { getLogger } from "../../observability/logger";

/** Where deploy/compose.yaml points Traefik's forwardAuth middleware. */
export const FORWARD_AUTH_PATH = "/__runnel/app-access";

export type ForwardAuthOptions = { domain: string; routes: AppRouteLookup; mayRead: MayRead };

/**
 * Traefik's forwardAuth check for app routers: the same access rule as the built-in proxy, read
 * from the X-Forwarded-* headers Traefik sends. 200 lets the request through to the container;
 * any other answer (the token-for-cookie redirect, the 404 page) Traefik returns to the browser.
 */
export function createForwardAuth({ domain, routes, mayRead }: ForwardAuthOptions) {
  async function check(request: IncomingMessage, response: ServerResponse) {
    const host = header(request, "x-forwarded-host");
    const slug = appSlugFromHost(host, domain);
    const route = slug ? await routes.get(slug) : null;
    const decision = route
      ? await decideAppAccess(
          {
            route,
            url: header(request, "x-forwarded-uri") ?? "/",
            cookie: request.headers.cookie,
            host: host ?? "",
            secure: header(request, "x-forwarded-proto") === "https",
            upgrade: (header(request, "upgrade") ?? "").toLowerCase() === "websocket",
          },
          mayRead,
        )
      : ({ kind: "deny" } as const);
    if (decision.kind === "allow") return response.writeHead(204).end();
    if (decision.kind === "redirect") {
      return response.writeHead(302, { location: decision.location, "set-cookie": decision.setCookie, "cache-control": "no-store" }).end();
    }
    const body = renderStatusPage(statusPageFor(slug ?? "?", null));
    response.writeHead(404, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(body);
  }

  /** Answers the check when the request is for FORWARD_AUTH_PATH; false otherwise. */
  return function handleForwardAuth(request: IncomingMessage, response: ServerResponse): boolean {
    if (request.url?.split("?")[0] !== FORWARD_AUTH_PATH) return false;
    check(request, response).catch((error: unknown) => {
      getLogger().error({ err: error }, "forward-auth check failed");
      if (!response.headersSent) response.writeHead(500).end();
    });
    return true;
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value)?.split(",")[0]?.trim();
}

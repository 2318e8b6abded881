import { isHttpsRequest } from "../auth/session-cookie";
import { APP_ACCESS_PARAM } from "./app-access-cookie";

/**
 * Where the browser that sent `request` reaches an app: `<id>.<appsDomain>` on the same scheme
 * and port it used for Runnel (the built-in proxy serves both on one port; behind Traefik the
 * default port is kept, so the URL carries none).
 */
export function appOrigin(appId: string, request: Request, appsDomain: string): string {
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host") || new URL(request.url).host;
  const port = /:(\d+)$/.exec(host)?.[1];
  const scheme = isHttpsRequest(request) ? "https" : "http";
  return `${scheme}://${appId}.${appsDomain}${port ? `:${port}` : ""}`;
}

/** The app's URL with a one-time access token for the iframe (none for a public app). */
export function appAccessUrl(origin: string, token: string | null, path = "/"): string {
  const url = new URL(path, origin);
  if (token) url.searchParams.set(APP_ACCESS_PARAM, token);
  return url.toString();
}

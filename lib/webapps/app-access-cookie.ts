import { APP_TOKEN_LIFETIME_SECONDS } from "./app-access-token";
import { readCookie } from "../http/read-cookie";

export const APP_ACCESS_COOKIE = "runnel_app_access";
/** The query parameter that carries an access token into a private app's iframe. */
export const APP_ACCESS_PARAM = "__runnel_access";

/**
 * The Set-Cookie value for a private app's subdomain. No Domain attribute: the cookie stays on
 * that one host, so no other app (and not Runnel itself) ever receives it.
 *
 * The iframe is a cross-site context whenever the app domain is not under Runnel's own site
 * (always so for localhost: `localhost` and `x.apps.localhost` are different sites). Browsers
 * now block third-party cookies there, except partitioned ones (CHIPS: `Partitioned`, which needs
 * `SameSite=None; Secure`), kept per embedding site; checked with Chromium 156. Secure needs
 * HTTPS, which browsers also grant to `*.localhost` (a secure context by definition). On plain
 * HTTP under any other name only `SameSite=Lax` is possible: that works when the apps live under
 * Runnel's own site (runnel.example.com and *.apps.example.com), otherwise only when the app is
 * opened in its own tab (the Open button).
 */
export function appAccessCookie(token: string, { secure, host }: { secure: boolean; host: string }): string {
  const attributes = [`${APP_ACCESS_COOKIE}=${token}`, "Path=/", `Max-Age=${APP_TOKEN_LIFETIME_SECONDS.cookie}`, "HttpOnly"];
  if (secure || isLocalhostName(host)) attributes.push("SameSite=None", "Secure", "Partitioned");
  else attributes.push("SameSite=Lax");
  return attributes.join("; ");
}

export function readAppAccessCookie(header: string | undefined): string | null {
  return readCookie(header, APP_ACCESS_COOKIE);
}

function isLocalhostName(host: string): boolean {
  const name = host.toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
  return name === "localhost" || name.endsWith(".localhost");
}

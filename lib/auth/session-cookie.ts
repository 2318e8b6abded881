import { SESSION_MAX_AGE_SECONDS } from "./session-token";
import { AppError } from "../http/app-error";

/** The cookie's name over plain HTTP (localhost development). */
export const SESSION_COOKIE = "runnel_session";
/**
 * Its name over HTTPS. Browsers keep a `__Host-` cookie only when it is Secure, Path=/ and has
 * no Domain, so no other host (an app on a sibling subdomain, say) can set one for Runnel's.
 */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

export type CookieOptions = { secure: boolean };

/** The cookie name a request's scheme calls for. */
export function sessionCookieName({ secure }: CookieOptions): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** The Set-Cookie value that stores a session token in the browser. */
export function sessionCookie(token: string, { secure }: CookieOptions): string {
  return cookieHeader(token, SESSION_MAX_AGE_SECONDS, secure);
}

/** The Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie({ secure }: CookieOptions): string {
  return `${cookieHeader("", 0, secure)}; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;
}

// httpOnly keeps the token away from page scripts; SameSite=Lax keeps it off cross-site
// POSTs. Secure only over HTTPS, or the browser would drop the cookie on http://localhost.
function cookieHeader(value: string, maxAgeSeconds: number, secure: boolean): string {
  const attributes = [`${sessionCookieName({ secure })}=${value}`, "Path=/", `Max-Age=${maxAgeSeconds}`, "HttpOnly", "SameSite=Lax"];
  if (secure) attributes.push("Secure");
  return attributes.join("; ");
}

export const TWO_SESSION_COOKIES =
  "This request carries two Runnel session cookies, so it is not clear who sent it. Sign out, or clear this site's cookies, and sign in again.";

/**
 * The session token in a request's Cookie header, if any. Over HTTPS only the `__Host-` cookie
 * counts (a plain one may have been set by another subdomain). A request carrying the cookie
 * twice is refused rather than guessed at: a second one can only come from somewhere else (a
 * cookie set for a parent domain), and picking either could sign the reader in as someone else.
 */
export function readSessionCookie(request: Request): string | null {
  const values = readSessionCookies(request);
  if (values.length > 1) throw new AppError("unauthorized", TWO_SESSION_COOKIES);
  return values[0] || null;
}

/** Every value of the session cookie the request carries (signing out revokes them all). */
export function readSessionCookies(request: Request): string[] {
  const name = sessionCookieName({ secure: isHttpsRequest(request) });
  const values: string[] = [];
  for (const pair of (request.headers.get("cookie") ?? "").split(";")) {
    const separator = pair.indexOf("=");
    if (separator !== -1 && pair.slice(0, separator).trim() === name) values.push(pair.slice(separator + 1).trim());
  }
  return values;
}

/** Whether the client reached us over HTTPS, directly or through a proxy that says so. */
export function isHttpsRequest(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded ? forwarded === "https" : new URL(request.url).protocol === "https:";
}

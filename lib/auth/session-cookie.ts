import { SESSION_MAX_AGE_SECONDS } from "./session-token";
import { readCookie } from "../http/read-cookie";

export const SESSION_COOKIE = "runnel_session";

export type CookieOptions = { secure: boolean };

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
  const attributes = [`${SESSION_COOKIE}=${value}`, "Path=/", `Max-Age=${maxAgeSeconds}`, "HttpOnly", "SameSite=Lax"];
  if (secure) attributes.push("Secure");
  return attributes.join("; ");
}

/** The session token in a request's Cookie header, if any. */
export function readSessionCookie(request: Request): string | null {
  return readCookie(request.headers.get("cookie"), SESSION_COOKIE);
}

/** Whether the client reached us over HTTPS, directly or through a proxy that says so. */
export function isHttpsRequest(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded ? forwarded === "https" : new URL(request.url).protocol === "https:";
}

import { SESSION_MAX_AGE_SECONDS } from "./session-token";

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
  for (const pair of (request.headers.get("cookie") ?? "").split(";")) {
    const separator = pair.indexOf("=");
    if (separator === -1 || pair.slice(0, separator).trim() !== SESSION_COOKIE) continue;
    return pair.slice(separator + 1).trim() || null;
  }
  return null;
}

/** Whether the client reached us over HTTPS, directly or through a proxy that says so. */
export function isHttpsRequest(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded ? forwarded === "https" : new URL(request.url).protocol === "https:";
}

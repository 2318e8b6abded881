import { createHash, randomBytes } from "node:crypto";
import { readCookie } from "../http/read-cookie";

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** A header for scripts that hold a link: `X-Runnel-Link: <secret>`. */
export const SHARE_LINK_HEADER = "x-runnel-link";
const COOKIE_PREFIX = "runnel_link_";

// Like API tokens: 256 random bits, so a plain SHA-256 makes a leaked table useless.

/** A new link secret (32 random bytes, base64url) and the hash to store for it. */
export function generateShareLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashShareLinkToken(token) };
}

export function hashShareLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function isShareLinkTokenFormat(text: string): boolean {
  return TOKEN_PATTERN.test(text);
}

/** The cookie that remembers, for one notebook, the link a browser opened it with. */
export function shareLinkCookieName(notebookId: string): string {
  return `${COOKIE_PREFIX}${notebookId}`;
}

/**
 * The link secret a request holds for one notebook: the X-Runnel-Link header, else the cookie
 * the link page set. The browser sends that cookie with the page's own API calls, so a link
 * holder's Run works through the same routes as everyone else's.
 */
export function shareLinkTokenFor(request: Request, notebookId: string): string | null {
  const header = request.headers.get(SHARE_LINK_HEADER)?.trim();
  if (header) return header;
  return readCookie(request.headers.get("cookie"), shareLinkCookieName(notebookId));
}

/** Whether a request carries any link secret at all (the header, or a link page's cookie). */
export function holdsShareLink(request: Request): boolean {
  if (request.headers.get(SHARE_LINK_HEADER)?.trim()) return true;
  return (request.headers.get("cookie") ?? "").split(";").some((pair) => pair.trim().startsWith(COOKIE_PREFIX));
}

/** The link secrets a request holds, looked up per notebook (for routes that learn the notebook later). */
export type LinkTokenSource = (notebookId: string) => string | null;

export function linkTokensOf(request: Request): LinkTokenSource {
  return (notebookId) => shareLinkTokenFor(request, notebookId);
}

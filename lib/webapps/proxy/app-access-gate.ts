import { APP_ACCESS_PARAM, appAccessCookie, readAppAccessCookie } from "../app-access-cookie";
import { granteeKey, signAppToken, verifyAppToken, type AppGrantee } from "../app-access-token";
import type { AppRoute } from "./app-route-cache";
import { sameOriginLocation } from "./same-origin-location";

export type AccessDecision =
  | { kind: "allow" }
  /** A valid access token in the URL: keep the cookie, load the same URL without the token. */
  | { kind: "redirect"; location: string; setCookie: string }
  /** Answered as "no such app", so a private app's existence is not revealed. */
  | { kind: "deny" };

export type AccessRequest = {
  route: AppRoute;
  /** The request's path and query, as in the request line. */
  url: string;
  cookie: string | undefined;
  host: string;
  secure: boolean;
  /** An upgrade cannot follow a redirect: only the cookie counts. */
  upgrade?: boolean;
};

export type MayRead = (grantee: AppGrantee, notebookId: string) => Promise<boolean>;

/**
 * Whether a request may reach an app. Apps without a notebook are public (the seed's runner has
 * no per-user access); a notebook's app follows the notebook: whoever may read it may use the app,
 * a signed-out holder of one of its live share links too.
 */
export async function decideAppAccess(request: AccessRequest, mayRead: MayRead): Promise<AccessDecision> {
  const { route } = request;
  if (!route.notebookId) return { kind: "allow" };
  const notebookId = route.notebookId;
  const allowed = async (grantee: AppGrantee | null) => grantee !== null && (await mayRead(grantee, notebookId));

  const url = new URL(request.url, "http://app.invalid");
  const accessToken = request.upgrade ? null : url.searchParams.get(APP_ACCESS_PARAM);
  if (accessToken) {
    const grantee = await verifyAppToken("access", accessToken, route.id);
    if (grantee && (await allowed(grantee))) {
      url.searchParams.delete(APP_ACCESS_PARAM);
      const cookieToken = await signAppToken("cookie", { appId: route.id, ...grantee });
      return {
        kind: "redirect",
        location: sameOriginLocation(url),
        setCookie: appAccessCookie(cookieToken, { secure: request.secure, host: request.host }),
      };
    }
  }
  const cookieToken = readAppAccessCookie(request.cookie);
  const grantee = cookieToken ? await verifyAppToken("cookie", cookieToken, route.id) : null;
  return (await allowed(grantee)) ? { kind: "allow" } : { kind: "deny" };
}

/**
 * Caches a user's read decisions for a few seconds: one database read per user and notebook, not
 * per request. A link's are not cached (one primary-key read each), so a revoked link shuts its
 * app at the very next request, as it shuts the notebook.
 */
export function cachedMayRead(check: MayRead, { ttlMs = 5000, now = Date.now } = {}): MayRead {
  const entries = new Map<string, { expires: number; answer: Promise<boolean> }>();
  return (grantee, notebookId) => {
    if (!("userId" in grantee)) return check(grantee, notebookId);
    const key = `${granteeKey(grantee)}\u0000${notebookId}`;
    const entry = entries.get(key);
    if (entry && entry.expires > now()) return entry.answer;
    if (entries.size > 10_000) entries.clear();
    const answer = check(grantee, notebookId);
    entries.set(key, { expires: now() + ttlMs, answer });
    answer.catch(() => entries.delete(key));
    return answer;
  };
}

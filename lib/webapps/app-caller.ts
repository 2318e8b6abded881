import type { AuthUser } from "../auth/auth-user";
import { getCurrentUser } from "../auth/get-current-user";
import { sameSecret } from "../auth/same-secret";
import { getSettings } from "../config/settings";
import { AppError } from "../http/app-error";
import { assertOwnPagesWrite } from "../http/with-route";
import { holdsShareLink, linkTokensOf, type LinkTokenSource } from "../sharing/share-link-token";

/**
 * Who asks about apps: the seed's runner (the X-API-Key), a Runnel user (cookie or API token), or
 * — on the routes that only show an app — a signed-out holder of a notebook's share link. A user
 * may hold links too: a notebook's app is theirs to see when the notebook is, by any right.
 */
export type AppCaller =
  | { kind: "runner" }
  | { kind: "user"; user: AuthUser; linkTokens?: LinkTokenSource }
  | { kind: "link"; linkTokens: LinkTokenSource };

export type AppCallerOptions = {
  /** Routes that only show an app (status, logs, its URL) take share links; those that change one never do. */
  links?: boolean;
};

/**
 * The caller of an /api/apps route. With RUNNER_API_KEY set, a matching X-API-Key is the runner
 * (as in the seed); a wrong key is refused outright. Otherwise a signed-in user or API token, or,
 * with `links`, whoever holds a share link (whether it opens the app's notebook is asked later).
 */
export async function resolveAppCaller(request: Request, { links = false }: AppCallerOptions = {}): Promise<AppCaller> {
  const expected = getSettings().RUNNER_API_KEY;
  const given = request.headers.get("x-api-key");
  if (given !== null && expected) {
    if (!sameSecret(given, expected)) throw new AppError("unauthorized", "The X-API-Key is not valid.");
    return { kind: "runner" };
  }
  assertOwnPagesWrite(request);
  const user = await getCurrentUser(request);
  if (user) return links ? { kind: "user", user, linkTokens: linkTokensOf(request) } : { kind: "user", user };
  if (links && holdsShareLink(request)) return { kind: "link", linkTokens: linkTokensOf(request) };
  throw new AppError("unauthorized", expected ? "Send the X-API-Key header, or sign in." : "Sign in to continue.");
}

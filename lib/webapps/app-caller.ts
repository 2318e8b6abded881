import { timingSafeEqual } from "node:crypto";
import { getCurrentUser } from "../auth/get-current-user";
import type { AuthUser } from "../auth/auth-user";
import { getSettings } from "../config/settings";
import { AppError } from "../http/app-error";

/** Who manages apps: the seed's runner (the X-API-Key) or a Runnel user (cookie or API token). */
export type AppCaller = { kind: "runner" } | { kind: "user"; user: AuthUser };

const CHANGES_STATE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const FOREIGN_SITES = new Set(["cross-site", "same-site"]);

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The caller of an /api/apps route. With RUNNER_API_KEY set, a matching X-API-Key is the runner
 * (as in the seed); a wrong key is refused outright. Otherwise a signed-in user or API token.
 */
export async function resolveAppCaller(request: Request): Promise<AppCaller> {
  const expected = getSettings().RUNNER_API_KEY;
  const given = request.headers.get("x-api-key");
  if (given !== null && expected) {
    if (!sameSecret(given, expected)) throw new AppError("unauthorized", "The X-API-Key is not valid.");
    return { kind: "runner" };
  }
  // Apps are served on subdomains (the same site): a browser's own header tells their pages apart.
  if (CHANGES_STATE.has(request.method) && FOREIGN_SITES.has(request.headers.get("sec-fetch-site") ?? "")) {
    throw new AppError("forbidden", "Changes can only be made from Runnel's own pages.");
  }
  const user = await getCurrentUser(request);
  if (user) return { kind: "user", user };
  throw new AppError("unauthorized", expected ? "Send the X-API-Key header, or sign in." : "Sign in to continue.");
}

import type { AuthUser } from "../auth/auth-user";
import { getCurrentUser } from "../auth/get-current-user";
import { sameSecret } from "../auth/same-secret";
import { getSettings } from "../config/settings";
import { AppError } from "../http/app-error";
import { assertOwnPagesWrite } from "../http/with-route";

/** Who manages apps: the seed's runner (the X-API-Key) or a Runnel user (cookie or API token). */
export type AppCaller = { kind: "runner" } | { kind: "user"; user: AuthUser };

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
  assertOwnPagesWrite(request);
  const user = await getCurrentUser(request);
  if (user) return { kind: "user", user };
  throw new AppError("unauthorized", expected ? "Send the X-API-Key header, or sign in." : "Sign in to continue.");
}

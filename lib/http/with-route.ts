import { getCurrentUser } from "../auth/get-current-user";
import type { AuthUser } from "../auth/auth-user";
import { noteRequestFacts } from "../observability/request-context";
import { REQUEST_ID_HEADER } from "../observability/request-id";
import { AppError } from "./app-error";
import { toErrorResponse } from "./error-response";

/**
 * What Next passes a route handler after the request: its dynamic segments, as a promise.
 * (Next's own global `RouteContext<"/path">` exists only after a build has generated types.)
 */
export type RouteParams<Params extends Record<string, string | string[]> = Record<string, never>> = {
  params: Promise<Params>;
};

export type RouteHandler<Context> = (request: Request, context: Context) => Promise<Response>;

export type RouteOptions = { auth: "user" };

/**
 * Wraps a route handler so every failure becomes API.md's error envelope. With
 * `{ auth: "user" }` it answers 401 to anonymous requests and hands the handler `context.user`.
 * Routes with dynamic segments name their context: `withRoute<RouteParams<{ id: string }>>(…)`.
 */
export function withRoute<Context extends object = RouteParams>(handler: RouteHandler<Context>): RouteHandler<Context>;
export function withRoute<Context extends object = RouteParams>(
  handler: RouteHandler<Context & { user: AuthUser }>,
  options: RouteOptions,
): RouteHandler<Context>;
export function withRoute<Context extends object>(
  ...args: [RouteHandler<Context>] | [RouteHandler<Context & { user: AuthUser }>, RouteOptions]
): RouteHandler<Context> {
  const handler = args.length === 1 ? args[0] : withUser(args[0]);
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return toErrorResponse(error, request.headers.get(REQUEST_ID_HEADER));
    }
  };
}

// Apps deployed from notebooks are served on subdomains, which SameSite=Lax counts as the same
// site; a browser's own Sec-Fetch-Site header tells such requests apart from the app's pages.
const CHANGES_STATE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const FOREIGN_SITES = new Set(["cross-site", "same-site"]);

/** Refuses a state-changing request that a browser says came from another site or an app's subdomain. */
export function assertOwnPagesWrite(request: Request): void {
  if (CHANGES_STATE.has(request.method) && FOREIGN_SITES.has(request.headers.get("sec-fetch-site") ?? "")) {
    throw new AppError("forbidden", "Changes can only be made from Runnel's own pages.");
  }
}

function withUser<Context extends object>(handler: RouteHandler<Context & { user: AuthUser }>): RouteHandler<Context> {
  return async (request, context) => {
    assertOwnPagesWrite(request);
    const user = await getCurrentUser(request);
    if (!user) throw new AppError("unauthorized", "Sign in to continue.");
    noteRequestFacts(request.headers.get(REQUEST_ID_HEADER), { userId: user.id });
    return handler(request, { ...context, user });
  };
}

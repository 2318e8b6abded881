import { findNotebookFor } from "../../auth/notebook-access";
import type { Settings } from "../../config/settings";
import { getPrisma } from "../../db/client";
import { AppError } from "../../http/app-error";
import { isLiveShareLinkOf } from "../../sharing/live-share-link";
import type { AppGrantee } from "../app-access-token";
import { cachedMayRead } from "./app-access-gate";
import { createAppRouteCache, type AppRoute } from "./app-route-cache";
import { createAppProxy, type AppProxy } from "./create-app-proxy";
import { createForwardAuth } from "./forward-auth";

/**
 * The proxy as the custom server runs it: routes from the App table, access from notebook rights,
 * and the forwardAuth check Traefik asks when it routes to app containers itself.
 */
export function createRunnelAppProxy(settings: Pick<Settings, "APPS_DOMAIN" | "DOMAIN">): AppProxy {
  const routes = createAppRouteCache({ load: loadAppRoute });
  const mayRead = cachedMayRead(mayReadNotebook);
  const proxy = createAppProxy({ appsDomain: settings.APPS_DOMAIN, routes, mayRead });
  const forwardAuth = createForwardAuth({ domain: settings.DOMAIN ?? settings.APPS_DOMAIN, routes, mayRead });
  return {
    handleRequest: (request, response) => proxy.handleRequest(request, response) || forwardAuth(request, response),
    handleUpgrade: (request, socket, head) => proxy.handleUpgrade(request, socket, head),
  };
}

export function loadAppRoute(slug: string): Promise<AppRoute | null> {
  return getPrisma().app.findUnique({
    where: { id: slug },
    select: { id: true, status: true, statusReason: true, hostPort: true, notebookId: true },
  });
}

/** Whether the grantee may still read the notebook: a user by their rights, a link while it is live. */
export async function mayReadNotebook(grantee: AppGrantee, notebookId: string): Promise<boolean> {
  if (!("userId" in grantee)) return isLiveShareLinkOf(grantee.linkId, notebookId);
  try {
    await findNotebookFor(grantee.userId, notebookId, "read");
    return true;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}

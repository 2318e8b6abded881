import type { App } from "@prisma/client";
import type { Settings } from "../config/settings";
import type { Labels } from "../containers/backend";
import { instanceLabel } from "../sessions/sandbox-spec";
import { traefikLabels } from "./traefik-labels";

export const APP_KIND = "app";

/** Labels that find every container and image of one app of this Runnel instance. */
export function appSelector(settings: Settings, appId: string): Labels {
  return { "runnel.kind": APP_KIND, "runnel.instance": instanceLabel(settings), "runnel.app": appId };
}

/** Every label an app's container carries: the selector, who it belongs to, and Traefik's routing. */
export function appContainerLabels(settings: Settings, app: Pick<App, "id" | "ownerId" | "notebookId" | "port">): Labels {
  return {
    ...traefikLabels(app.id, { port: app.port, settings }),
    ...appSelector(settings, app.id),
    ...(app.ownerId ? { "runnel.owner": app.ownerId } : {}),
    ...(app.notebookId ? { "runnel.notebook": app.notebookId } : {}),
  };
}

import type { App } from "@prisma/client";
import type { Settings } from "../config/settings";

/** The seed's reply shape ({id, name, status, url}) plus the reason and type Runnel adds. */
export type AppView = {
  id: string;
  name: string;
  status: App["status"];
  url: string;
  app_type: string;
  status_reason: string | null;
  notebook_id: string | null;
  block_index: number | null;
  block_id: string | null;
  /** the webapp block's code fingerprint at its last deploy: the page tells a changed block from it */
  code_fingerprint: string | null;
};

export function appUrl(settings: Pick<Settings, "APPS_DOMAIN" | "PORT">, appId: string): string {
  return `http://${appId}.${settings.APPS_DOMAIN}:${settings.PORT}`;
}

export function toAppView(app: App, settings: Pick<Settings, "APPS_DOMAIN" | "PORT">): AppView {
  return {
    id: app.id,
    name: app.name,
    status: app.status,
    url: appUrl(settings, app.id),
    app_type: app.appType,
    status_reason: app.statusReason,
    notebook_id: app.notebookId,
    block_index: app.blockIndex,
    block_id: app.blockId,
    code_fingerprint: app.codeFingerprint,
  };
}

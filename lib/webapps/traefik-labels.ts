import { getSettings, type Settings } from "../config/settings";

export type TraefikSettings = Pick<Settings, "APPS_DOMAIN" | "DOMAIN" | "DOCKER_NETWORK" | "TRAEFIK_ENTRYPOINT">;

/** The forwardAuth middleware deploy/compose.yaml defines on Runnel's own container. */
export const APP_ACCESS_MIDDLEWARE = "runnel-app-access@docker";

export type TraefikLabelOptions = {
  /** The app's port inside the container; without it Traefik uses the one exposed port. */
  port?: number;
  settings?: TraefikSettings;
};

/**
 * The labels with which Traefik (the seed's router) sends `<appId>.<DOMAIN>` on its entrypoint to
 * this container over DOCKER_NETWORK. Every request first passes Runnel's forwardAuth check, so
 * a notebook's private app stays private when Traefik, not the built-in proxy, is in front.
 * Router and service names carry a `runnel-` prefix so they never clash with others on the host.
 */
export function traefikLabels(appId: string, { port, settings = getSettings() }: TraefikLabelOptions = {}): Record<string, string> {
  const name = `runnel-${appId}`;
  const domain = settings.DOMAIN ?? settings.APPS_DOMAIN;
  return {
    "traefik.enable": "true",
    "traefik.docker.network": settings.DOCKER_NETWORK,
    [`traefik.http.routers.${name}.rule`]: `Host(\`${appId}.${domain}\`)`,
    [`traefik.http.routers.${name}.entrypoints`]: settings.TRAEFIK_ENTRYPOINT,
    [`traefik.http.routers.${name}.service`]: name,
    [`traefik.http.routers.${name}.middlewares`]: APP_ACCESS_MIDDLEWARE,
    ...(port ? { [`traefik.http.services.${name}.loadbalancer.server.port`]: String(port) } : {}),
  };
}

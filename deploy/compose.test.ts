import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseSettings } from "@/lib/config/settings";
import { ISOLATED_NETWORK } from "@/lib/containers/docker/docker-app-backend";
import { FORWARD_AUTH_PATH } from "@/lib/webapps/proxy/forward-auth";
import { APP_ACCESS_MIDDLEWARE, traefikLabels } from "@/lib/webapps/traefik-labels";

// compose.yaml cannot be run here (no registry for traefik's image), so its isolation and its
// routing are checked as written, with Compose's ${VAR:-default} read as the default.

type Service = {
  network_mode?: string;
  networks?: unknown;
  ports?: unknown;
  cap_add?: string[];
  command?: string[];
  environment?: Record<string, string>;
  labels?: Record<string, string>;
};
type Compose = { services: Record<string, Service>; networks?: Record<string, { name?: string; driver_opts?: Record<string, string> }> };

function withDefaults(text: string): string {
  return text.replace(/\$\{(\w+)(?::?([-?])([^}]*))?\}/g, (_match, name: string, kind?: string, value?: string) =>
    kind === "-" ? (value ?? "") : kind === "?" ? `<${name}>` : "",
  );
}

const compose = parse(withDefaults(readFileSync(path.join(import.meta.dirname, "compose.yaml"), "utf8"))) as Compose;
const { traefik, runnel } = compose.services as { traefik: Service; runnel: Service };
// Empty values (`JWT_SECRET: ${JWT_SECRET:-}`) are left out, as Runnel reads "" as unset.
const environment = Object.fromEntries(Object.entries(runnel.environment ?? {}).filter(([, value]) => value !== null && value !== ""));
const settings = parseSettings({ ...environment, DOMAIN: "apps.example.com", APPS_DOMAIN: "apps.example.com" });

describe("deploy/compose.yaml", () => {
  it("puts no service on a network with the apps: Traefik and Runnel use the host's namespace, and nothing defines the apps' network", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["runnel", "traefik"]);
    for (const service of [traefik, runnel]) {
      expect(service.network_mode).toBe("host");
      expect(service.networks).toBeUndefined();
    }
    // Runnel makes runnel-apps itself, with inter-container traffic off; a compose-made one might not be.
    expect(settings.DOCKER_NETWORK).toBe(ISOLATED_NETWORK);
    expect(Object.values(compose.networks ?? {}).map((network) => network.name)).not.toContain(ISOLATED_NETWORK);
  });

  it("has Runnel listen on the host's loopback only, publish nothing, and install the app bridge's host guard", () => {
    expect(settings.HOST).toBe("127.0.0.1");
    expect(runnel.ports).toBeUndefined();
    expect(runnel.cap_add).toEqual(["NET_ADMIN"]);
    expect(readFileSync(path.join(import.meta.dirname, "Dockerfile"), "utf8")).toMatch(/apt-get install[^\n]*\biptables\b/);
  });

  it("believes forwarding headers only from Traefik's address, the loopback", () => {
    expect(settings.TRUSTED_PROXIES).toEqual(["127.0.0.1"]);
  });

  it("keeps Traefik's routers working: Runnel's own, and each app's over the network Runnel attaches apps to", () => {
    const labels = runnel.labels!;
    expect(labels["traefik.enable"]).toBe("true");
    expect(labels["traefik.http.routers.runnel.rule"]).toBe("Host(`<RUNNEL_HOST>`)");
    expect(labels["traefik.http.routers.runnel.entrypoints"]).toBe(settings.TRAEFIK_ENTRYPOINT);
    expect(labels["traefik.http.services.runnel.loadbalancer.server.port"]).toBe(String(settings.PORT));
    // The middleware every app router names, pointing at the check server.ts answers.
    const middleware = APP_ACCESS_MIDDLEWARE.replace(/@docker$/, "");
    expect(labels[`traefik.http.middlewares.${middleware}.forwardauth.address`]).toBe(`http://${settings.HOST}:${settings.PORT}${FORWARD_AUTH_PATH}`);

    const command = traefik.command!;
    expect(command).toContain("--providers.docker=true");
    expect(command).toContain("--providers.docker.exposedbydefault=false");
    expect(command).toContain(`--providers.docker.network=${settings.DOCKER_NETWORK}`);
    expect(command).toContain(`--entrypoints.${settings.TRAEFIK_ENTRYPOINT}.address=:80`);
    const appLabels = traefikLabels("my-app", { port: 7860, settings });
    expect(appLabels["traefik.docker.network"]).toBe(settings.DOCKER_NETWORK);
    expect(appLabels["traefik.http.routers.runnel-my-app.entrypoints"]).toBe(settings.TRAEFIK_ENTRYPOINT);
    expect(appLabels["traefik.http.routers.runnel-my-app.middlewares"]).toBe(APP_ACCESS_MIDDLEWARE);
  });
});

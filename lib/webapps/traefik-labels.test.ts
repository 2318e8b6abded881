import { describe, expect, it } from "vitest";
import { parseSettings } from "../config/settings";
import { traefikLabels } from "./traefik-labels";

describe("traefikLabels", () => {
  it("routes <id>.<DOMAIN> on the entrypoint to the app over the Docker network, through Runnel's access check", () => {
    const settings = parseSettings({ DOMAIN: "apps.example.com", DOCKER_NETWORK: "edge", TRAEFIK_ENTRYPOINT: "websecure" });
    expect(traefikLabels("demo-1", { port: 7860, settings })).toEqual({
      "traefik.enable": "true",
      "traefik.docker.network": "edge",
      "traefik.http.routers.runnel-demo-1.rule": "Host(`demo-1.apps.example.com`)",
      "traefik.http.routers.runnel-demo-1.entrypoints": "websecure",
      "traefik.http.routers.runnel-demo-1.service": "runnel-demo-1",
      "traefik.http.routers.runnel-demo-1.middlewares": "runnel-app-access@docker",
      "traefik.http.services.runnel-demo-1.loadbalancer.server.port": "7860",
    });
  });

  it("defaults to APPS_DOMAIN, the runnel-apps network and the web entrypoint", () => {
    const labels = traefikLabels("demo", { settings: parseSettings({ APPS_DOMAIN: "apps.local.test" }) });
    expect(labels).toMatchObject({
      "traefik.docker.network": "runnel-apps",
      "traefik.http.routers.runnel-demo.rule": "Host(`demo.apps.local.test`)",
      "traefik.http.routers.runnel-demo.entrypoints": "web",
    });
    // No port given: Traefik uses the container's one exposed port.
    expect(Object.keys(labels).some((key) => key.includes("loadbalancer"))).toBe(false);
  });

  it("gives each app its own router and service", () => {
    const settings = parseSettings({});
    const one = Object.keys(traefikLabels("one", { settings }));
    const two = Object.keys(traefikLabels("two", { settings }));
    expect(one.filter((key) => key.startsWith("traefik.http.")).some((key) => two.includes(key))).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { createAppRouteCache, type AppRoute } from "./app-route-cache";

const route = (hostPort: number): AppRoute => ({ id: "demo", status: "running", statusReason: null, hostPort, notebookId: null });

describe("createAppRouteCache", () => {
  it("serves from cache within the TTL and reloads after it", async () => {
    let clock = 0;
    let port = 1000;
    let loads = 0;
    const cache = createAppRouteCache({ ttlMs: 1000, now: () => clock, load: async () => (loads++, route(port)) });
    expect((await cache.get("demo"))?.hostPort).toBe(1000);
    port = 2000;
    clock = 999;
    expect((await cache.get("demo"))?.hostPort).toBe(1000);
    clock = 1000;
    expect((await cache.get("demo"))?.hostPort).toBe(2000);
    expect(loads).toBe(2);
  });

  it("loads once for concurrent misses", async () => {
    let loads = 0;
    const cache = createAppRouteCache({ load: async () => (loads++, route(1)) });
    await Promise.all([cache.get("demo"), cache.get("demo"), cache.get("demo")]);
    expect(loads).toBe(1);
  });

  it("refresh reads now, and a failed load is not cached", async () => {
    let fail = true;
    let port = 1;
    const cache = createAppRouteCache({
      load: async () => {
        if (fail) throw new Error("db down");
        return route(port);
      },
    });
    await expect(cache.get("demo")).rejects.toThrow("db down");
    fail = false;
    expect((await cache.get("demo"))?.hostPort).toBe(1);
    port = 2;
    expect((await cache.refresh("demo"))?.hostPort).toBe(2);
    expect((await cache.get("demo"))?.hostPort).toBe(2);
  });
});

import { describe, expect, it } from "vitest";
import { appSlugFromHost } from "./app-host";

describe("appSlugFromHost", () => {
  it("names the app of <slug>.<domain>, whatever the port", () => {
    expect(appSlugFromHost("demo.apps.localhost", "apps.localhost")).toBe("demo");
    expect(appSlugFromHost("demo.apps.localhost:3000", "apps.localhost")).toBe("demo");
    expect(appSlugFromHost("0f8c2e1a-9b7d-4c1e-8a55-1f2e3d4c5b6a.apps.example.com", "apps.example.com")).toBe("0f8c2e1a-9b7d-4c1e-8a55-1f2e3d4c5b6a");
  });

  it("ignores case and a trailing dot", () => {
    expect(appSlugFromHost("Demo.APPS.localhost.:80", "apps.localhost")).toBe("demo");
    expect(appSlugFromHost("demo.apps.localhost", "Apps.Localhost.")).toBe("demo");
  });

  it("leaves Runnel's own hosts alone", () => {
    expect(appSlugFromHost("localhost:3000", "apps.localhost")).toBeNull();
    expect(appSlugFromHost("apps.localhost:3000", "apps.localhost")).toBeNull();
    expect(appSlugFromHost("127.0.0.1:3000", "apps.localhost")).toBeNull();
    expect(appSlugFromHost("[::1]:3000", "apps.localhost")).toBeNull();
    expect(appSlugFromHost(undefined, "apps.localhost")).toBeNull();
    expect(appSlugFromHost("", "apps.localhost")).toBeNull();
  });

  it("accepts exactly one DNS label as the slug", () => {
    expect(appSlugFromHost("a.b.apps.localhost", "apps.localhost")).toBeNull();
    expect(appSlugFromHost("-demo.apps.localhost", "apps.localhost")).toBeNull();
    expect(appSlugFromHost("demo_1.apps.localhost", "apps.localhost")).toBeNull();
    expect(appSlugFromHost(`${"a".repeat(64)}.apps.localhost`, "apps.localhost")).toBeNull();
    expect(appSlugFromHost("xapps.localhost", "apps.localhost")).toBeNull();
    expect(appSlugFromHost("demo.apps.localhost.evil.com", "apps.localhost")).toBeNull();
  });
});

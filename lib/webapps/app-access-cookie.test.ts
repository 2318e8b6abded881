import { describe, expect, it } from "vitest";
import { appAccessCookie, readAppAccessCookie } from "./app-access-cookie";

describe("the app access cookie", () => {
  it("is host-only, httpOnly, and a partitioned SameSite=None;Secure cookie over HTTPS", () => {
    const cookie = appAccessCookie("tok", { secure: true, host: "demo.apps.example.com" });
    expect(cookie).toMatch(/^runnel_app_access=tok; Path=\/; Max-Age=43200; HttpOnly; SameSite=None; Secure; Partitioned$/);
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it("is SameSite=None;Secure on *.localhost (a secure context) even over http", () => {
    expect(appAccessCookie("tok", { secure: false, host: "demo.apps.localhost:3000" })).toContain("SameSite=None; Secure; Partitioned");
  });

  it("falls back to SameSite=Lax on plain http under any other name", () => {
    const cookie = appAccessCookie("tok", { secure: false, host: "demo.apps.example.com" });
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toContain("Secure");
  });

  it("is read back from a Cookie header among others", () => {
    expect(readAppAccessCookie("a=1; runnel_app_access=xyz; b=2")).toBe("xyz");
    expect(readAppAccessCookie("a=1")).toBeNull();
    expect(readAppAccessCookie(undefined)).toBeNull();
  });
});

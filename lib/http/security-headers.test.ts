import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers";

describe("securityHeaders", () => {
  const headers = securityHeaders({ APPS_DOMAIN: "apps.example.com", NODE_ENV: "production" });

  it("clickjacking: refuses framing by any other origin, in both the old and the new header", () => {
    expect(headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'self'");
  });

  it("lets the notebook page frame its apps and nothing else", () => {
    expect(headers["content-security-policy"]).toContain("frame-src 'self' http://*.apps.example.com:* https://*.apps.example.com:*;");
  });

  it("allows eval only in development", () => {
    expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
    expect(securityHeaders({ APPS_DOMAIN: "a", NODE_ENV: "development" })["content-security-policy"]).toContain("'unsafe-eval'");
  });

  it("keeps paths and queries out of the Referer sent to other origins", () => {
    expect(headers["referrer-policy"]).toBe("same-origin");
  });
});

import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { acceptForwardedHeaders, trustedProxyList } from "./accept-forwarded-headers";

function accepted(headers: IncomingHttpHeaders, peer: string, trusted: string[] = ["172.31.240.2"]): IncomingHttpHeaders {
  const copy = { ...headers };
  acceptForwardedHeaders(copy, peer, trustedProxyList(trusted));
  return copy;
}

describe("acceptForwardedHeaders", () => {
  it("spoofed forwarding: drops every forwarding header from a peer that is no trusted proxy", () => {
    const headers = accepted(
      { "x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https", "x-forwarded-host": "runnel.example.com", "x-forwarded-uri": "/", "x-real-ip": "1.2.3.4", forwarded: "for=1.2.3.4", host: "h" },
      "::ffff:198.51.100.4",
    );
    expect(headers).toEqual({ "x-forwarded-for": "198.51.100.4", host: "h" });
  });

  it("believes a trusted proxy about the client, its scheme and host", () => {
    const sent = { "x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https", "x-forwarded-host": "runnel.example.com", "x-forwarded-uri": "/p?q" };
    expect(accepted(sent, "172.31.240.2")).toEqual(sent);
  });

  it("takes the nearest untrusted hop, not an address the client put in front", () => {
    expect(accepted({ "x-forwarded-for": "10.9.9.9, 203.0.113.7" }, "172.31.240.2")["x-forwarded-for"]).toBe("203.0.113.7");
    expect(accepted({ "x-forwarded-for": "203.0.113.7, 172.31.240.3" }, "172.31.240.2", ["172.31.240.0/24"])["x-forwarded-for"]).toBe("203.0.113.7");
  });

  it("counts a trusted proxy that forwarded nothing as the client", () => {
    expect(accepted({}, "172.31.240.2")["x-forwarded-for"]).toBe("172.31.240.2");
  });

  it("refuses a TRUSTED_PROXIES entry that is not an address or range", () => {
    expect(() => trustedProxyList(["traefik"])).toThrow(/"traefik" is not an IP address or CIDR range/);
    expect(() => trustedProxyList(["10.0.0.0/x"])).toThrow();
    expect(trustedProxyList(["::1", "10.0.0.0/8"]).check("10.2.3.4")).toBe(true);
  });
});

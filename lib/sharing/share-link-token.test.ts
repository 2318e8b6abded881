import { describe, expect, it } from "vitest";
import { generateShareLinkToken, hashShareLinkToken, isShareLinkTokenFormat, shareLinkCookieName, shareLinkTokenFor } from "./share-link-token";

function request(headers: Record<string, string>): Request {
  return new Request("http://localhost/api/x", { headers });
}

describe("share link secrets", () => {
  it("are 256 random bits in base64url, stored as their SHA-256 only", () => {
    const a = generateShareLinkToken();
    const b = generateShareLinkToken();
    expect(a.token).not.toBe(b.token);
    expect(isShareLinkTokenFormat(a.token)).toBe(true);
    expect(a.tokenHash).toBe(hashShareLinkToken(a.token));
    expect(a.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.tokenHash).not.toContain(a.token);
    expect(isShareLinkTokenFormat("../../etc")).toBe(false);
  });

  it("are read from the X-Runnel-Link header first, then from the notebook's own cookie", () => {
    const cookie = `runnel_session=abc; ${shareLinkCookieName("nb1")}=from-cookie; ${shareLinkCookieName("nb2")}=other`;
    expect(shareLinkTokenFor(request({ cookie }), "nb1")).toBe("from-cookie");
    expect(shareLinkTokenFor(request({ cookie }), "nb2")).toBe("other");
    expect(shareLinkTokenFor(request({ cookie, "x-runnel-link": " from-header " }), "nb1")).toBe("from-header");
    expect(shareLinkTokenFor(request({ cookie }), "nb3")).toBeNull();
    expect(shareLinkTokenFor(request({ cookie: `${shareLinkCookieName("nb1")}=` }), "nb1")).toBeNull();
    expect(shareLinkTokenFor(request({}), "nb1")).toBeNull();
  });
});

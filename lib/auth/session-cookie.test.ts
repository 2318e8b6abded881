import { describe, expect, it } from "vitest";
import { clearedSessionCookie, isHttpsRequest, readSessionCookie, sessionCookie } from "./session-cookie";

describe("the session cookie", () => {
  it("is httpOnly, SameSite=Lax, site-wide and lasts seven days", () => {
    expect(sessionCookie("abc.def.ghi", { secure: false })).toBe(
      "runnel_session=abc.def.ghi; Path=/; Max-Age=604800; HttpOnly; SameSite=Lax",
    );
  });

  it("is Secure only when asked to be", () => {
    expect(sessionCookie("t", { secure: true })).toMatch(/; Secure$/);
    expect(sessionCookie("t", { secure: false })).not.toContain("Secure");
  });

  it("is cleared with an empty value that expires at once", () => {
    const cleared = clearedSessionCookie({ secure: false });
    expect(cleared).toMatch(/^runnel_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax; Expires=Thu, 01 Jan 1970/);
  });

  it("is read from the Cookie header among other cookies", () => {
    const request = new Request("http://localhost/", { headers: { cookie: "theme=dark; runnel_session=abc.def.ghi; x=1" } });
    expect(readSessionCookie(request)).toBe("abc.def.ghi");
  });

  it("is absent when the header is missing, empty, or holds only similarly named cookies", () => {
    expect(readSessionCookie(new Request("http://localhost/"))).toBeNull();
    expect(readSessionCookie(new Request("http://localhost/", { headers: { cookie: "runnel_session=" } }))).toBeNull();
    const lookalike = new Request("http://localhost/", { headers: { cookie: "xrunnel_session=a; runnel_session_old=b" } });
    expect(readSessionCookie(lookalike)).toBeNull();
  });
});

describe("isHttpsRequest", () => {
  it("follows the request URL, or a proxy's x-forwarded-proto when present", () => {
    expect(isHttpsRequest(new Request("https://runnel.example/"))).toBe(true);
    expect(isHttpsRequest(new Request("http://localhost/"))).toBe(false);
    expect(isHttpsRequest(new Request("http://app:3000/", { headers: { "x-forwarded-proto": "https" } }))).toBe(true);
    expect(isHttpsRequest(new Request("http://app:3000/", { headers: { "x-forwarded-proto": "http, https" } }))).toBe(false);
  });
});

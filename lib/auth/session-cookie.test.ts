import { describe, expect, it } from "vitest";
import { AppError } from "../http/app-error";
import { clearedSessionCookie, isHttpsRequest, readSessionCookie, sessionCookie, TWO_SESSION_COOKIES } from "./session-cookie";

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

  it("is __Host- prefixed over HTTPS: Secure, Path=/ and no Domain, as browsers require of the prefix", () => {
    const secure = sessionCookie("abc.def.ghi", { secure: true });
    expect(secure).toBe("__Host-runnel_session=abc.def.ghi; Path=/; Max-Age=604800; HttpOnly; SameSite=Lax; Secure");
    expect(secure).not.toMatch(/domain=/i);
    expect(clearedSessionCookie({ secure: true })).toMatch(/^__Host-runnel_session=; Path=\/; Max-Age=0;.*; Secure; Expires=/);
  });

  it("is read by the __Host- name over HTTPS; a plain one there (settable from a sibling subdomain) is not believed", () => {
    const https = { "x-forwarded-proto": "https" };
    expect(readSessionCookie(new Request("http://app:3000/", { headers: { ...https, cookie: "__Host-runnel_session=mine" } }))).toBe("mine");
    expect(readSessionCookie(new Request("http://app:3000/", { headers: { ...https, cookie: "runnel_session=tossed" } }))).toBeNull();
    expect(readSessionCookie(new Request("http://app:3000/", { headers: { ...https, cookie: "runnel_session=tossed; __Host-runnel_session=mine" } }))).toBe("mine");
    expect(readSessionCookie(new Request("http://localhost/", { headers: { cookie: "__Host-runnel_session=mine" } }))).toBeNull();
  });

  it("is refused, not picked, when a request carries it twice", () => {
    for (const [url, cookie, headers] of [
      ["http://localhost/", "runnel_session=a; theme=dark; runnel_session=b", {}],
      ["http://localhost/", "runnel_session=a; runnel_session=", {}],
      ["http://app:3000/", "__Host-runnel_session=a; __Host-runnel_session=b", { "x-forwarded-proto": "https" }],
    ] as const) {
      let thrown: unknown;
      try {
        readSessionCookie(new Request(url, { headers: { ...headers, cookie } }));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AppError);
      expect(thrown).toMatchObject({ code: "unauthorized", message: TWO_SESSION_COOKIES });
    }
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

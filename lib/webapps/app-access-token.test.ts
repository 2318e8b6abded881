import { describe, expect, it } from "vitest";
import { APP_TOKEN_LIFETIME_SECONDS, signAppToken, verifyAppToken } from "./app-access-token";

const secret = new TextEncoder().encode("a-test-secret-of-at-least-32-characters!");
const other = new TextEncoder().encode("another-secret-of-at-least-32-characters");
const grant = { appId: "demo", userId: "user-1" };

describe("app access tokens", () => {
  it("grant the user access to the one app they were issued for", async () => {
    const token = await signAppToken("access", grant, { secret });
    expect(await verifyAppToken("access", token, "demo", { secret })).toEqual({ userId: "user-1" });
    expect(await verifyAppToken("access", token, "other-app", { secret })).toBeNull();
  });

  it("expire: an access token after two minutes, a cookie after twelve hours", async () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    const access = await signAppToken("access", grant, { secret, now });
    expect(APP_TOKEN_LIFETIME_SECONDS.access).toBe(120);
    expect(await verifyAppToken("access", access, "demo", { secret, now: later(119) })).toEqual({ userId: "user-1" });
    expect(await verifyAppToken("access", access, "demo", { secret, now: later(121) })).toBeNull();
    const cookie = await signAppToken("cookie", grant, { secret, now });
    expect(await verifyAppToken("cookie", cookie, "demo", { secret, now: later(11 * 3600) })).toEqual({ userId: "user-1" });
    expect(await verifyAppToken("cookie", cookie, "demo", { secret, now: later(12 * 3600 + 1) })).toBeNull();
  });

  it("cannot stand in for each other, nor for a session token", async () => {
    const access = await signAppToken("access", grant, { secret });
    const cookie = await signAppToken("cookie", grant, { secret });
    expect(await verifyAppToken("cookie", access, "demo", { secret })).toBeNull();
    expect(await verifyAppToken("access", cookie, "demo", { secret })).toBeNull();
  });

  it("grant a share link's holder by the link's id, never as a user, for the one app", async () => {
    const token = await signAppToken("access", { appId: "demo", linkId: "link-1" }, { secret });
    expect(await verifyAppToken("access", token, "demo", { secret })).toEqual({ linkId: "link-1" });
    expect(await verifyAppToken("access", token, "other-app", { secret })).toBeNull();
  });

  it("are refused when signed with another key or tampered with", async () => {
    const token = await signAppToken("access", grant, { secret: other });
    expect(await verifyAppToken("access", token, "demo", { secret })).toBeNull();
    expect(await verifyAppToken("access", "not.a.jwt", "demo", { secret })).toBeNull();
  });
});

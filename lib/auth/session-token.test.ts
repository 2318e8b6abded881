import { decodeJwt, decodeProtectedHeader, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { SESSION_MAX_AGE_SECONDS, signSessionToken, verifySessionToken } from "./session-token";

const secret = new TextEncoder().encode("a-test-secret-that-is-long-enough-for-hs256");
const otherSecret = new TextEncoder().encode("another-secret-that-is-long-enough-for-hs256");
const issued = new Date("2026-11-20T10:00:00Z");

describe("session tokens", () => {
  it("are HS256 JWTs naming the user and expiring after seven days", async () => {
    const token = await signSessionToken("user-1", 0, { secret, now: issued });
    expect(decodeProtectedHeader(token).alg).toBe("HS256");
    const claims = decodeJwt(token);
    expect(claims.sub).toBe("user-1");
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.exp! - claims.iat!).toBe(SESSION_MAX_AGE_SECONDS);
    expect(SESSION_MAX_AGE_SECONDS).toBe(7 * 24 * 3600);
  });

  it("each have their own id, so one can be revoked alone", async () => {
    const [first, second] = await Promise.all([1, 2].map(() => signSessionToken("user-1", 0, { secret, now: issued })));
    expect(decodeJwt(first!).jti).not.toBe(decodeJwt(second!).jti);
  });

  it("verify to their user, id and expiry until they expire", async () => {
    const token = await signSessionToken("user-1", 0, { secret, now: issued });
    const expiresAt = new Date(issued.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
    const justBefore = new Date(issued.getTime() + (SESSION_MAX_AGE_SECONDS - 1) * 1000);
    const justAfter = new Date(issued.getTime() + (SESSION_MAX_AGE_SECONDS + 1) * 1000);
    expect(await verifySessionToken(token, { secret, now: justBefore })).toEqual({ userId: "user-1", tokenId: decodeJwt(token).jti, expiresAt, generation: 0 });
    expect(await verifySessionToken(token, { secret, now: justAfter })).toBeNull();
  });

  it("are refused when signed with another secret, altered, or not a JWT at all", async () => {
    const token = await signSessionToken("user-1", 0, { secret, now: issued });
    const [header, , signature] = token.split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ sub: "admin", iat: 0, exp: 4e9 })).toString("base64url");
    const options = { secret, now: issued };
    expect(await verifySessionToken(token, { secret: otherSecret, now: issued })).toBeNull();
    expect(await verifySessionToken(`${header}.${forgedPayload}.${signature}`, options)).toBeNull();
    expect(await verifySessionToken("not-a-jwt", options)).toBeNull();
  });

  it("carry the session generation they were made under (0 when a token predates generations)", async () => {
    const token = await signSessionToken("user-1", 3, { secret, now: issued });
    expect(decodeJwt(token).gen).toBe(3);
    expect(await verifySessionToken(token, { secret, now: issued })).toMatchObject({ generation: 3 });
    const legacy = await new SignJWT().setProtectedHeader({ alg: "HS256" }).setSubject("user-1").setJti("j").setIssuedAt(issued).setExpirationTime("1d").sign(secret);
    expect(await verifySessionToken(legacy, { secret, now: issued })).toMatchObject({ generation: 0 });
    const odd = await new SignJWT({ gen: "2" }).setProtectedHeader({ alg: "HS256" }).setSubject("user-1").setJti("j").setIssuedAt(issued).setExpirationTime("1d").sign(secret);
    expect(await verifySessionToken(odd, { secret, now: issued })).toBeNull();
  });

  it("are refused when unsigned (alg none)", async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const unsigned = `${encode({ alg: "none" })}.${encode({ sub: "user-1", exp: 4e9 })}.`;
    expect(await verifySessionToken(unsigned, { secret, now: issued })).toBeNull();
  });
});

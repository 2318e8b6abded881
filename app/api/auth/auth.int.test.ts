import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as logIn } from "@/app/api/auth/login/route";
import { POST as logOut } from "@/app/api/auth/logout/route";
import { GET as me } from "@/app/api/auth/me/route";
import { POST as signUp } from "@/app/api/auth/signup/route";
import { pruneRevokedSessionTokens } from "@/lib/auth/revoke-session-token";
import { getPrisma } from "@/lib/db/client";
import { loginRateLimit } from "@/lib/auth/login-rate-limit";
import { apiRequest, cookieFrom, noParams, signUpUser, uniqueEmail, withMigratedDatabase } from "@/test/route-requests";

withMigratedDatabase();

// Each test signs in from its own address, so the per-address sign-in limit of one test never
// spills into another.
function fromAddress(): Record<string, string> {
  return { "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID()}` };
}

function logInRequest(email: string, password: string, headers: Record<string, string> = fromAddress()): Request {
  return apiRequest("/api/auth/login", { method: "POST", body: { email, password }, headers });
}

describe("signing up", () => {
  it("creates the account, answers 201 with the user and a session cookie that /me accepts", async () => {
    const email = uniqueEmail("ada");
    const response = await signUp(
      apiRequest("/api/auth/signup", { method: "POST", body: { email: `  ${email.toUpperCase()} `, password: "correct horse", name: " Ada " } }),
      noParams,
    );
    expect(response.status).toBe(201);
    const { user } = await response.json();
    expect(user).toEqual({ id: expect.any(String), email, name: "Ada" });

    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^runnel_session=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; Max-Age=604800; HttpOnly; SameSite=Lax$/);

    const meResponse = await me(apiRequest("/api/auth/me", { cookie: cookieFrom(response) }), noParams);
    expect(meResponse.status).toBe(200);
    expect(await meResponse.json()).toEqual({ user });
  });

  it("stores only a scrypt hash of the password", async () => {
    const { user, password } = await signUpUser("hash");
    const row = await getPrisma().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.passwordHash).not.toContain(password);
  });

  it("sets a Secure cookie when the request came over HTTPS", async () => {
    const response = await signUp(
      apiRequest("/api/auth/signup", {
        method: "POST",
        body: { email: uniqueEmail("secure"), password: "correct horse", name: "S" },
        headers: { "x-forwarded-proto": "https" },
      }),
      noParams,
    );
    expect(response.headers.get("set-cookie")).toMatch(/; Secure$/);
  });

  it("answers 409 conflict with a sentence when the email is taken, whatever its case", async () => {
    const { email } = await signUpUser("taken");
    const response = await signUp(
      apiRequest("/api/auth/signup", { method: "POST", body: { email: email.toUpperCase(), password: "another pw", name: "Copy" } }),
      noParams,
    );
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: { code: "conflict", message: "An account with this email already exists. Sign in instead." },
    });
  });

  it("answers 400 naming the field for a short password or a bad email", async () => {
    const short = await signUp(
      apiRequest("/api/auth/signup", { method: "POST", body: { email: uniqueEmail(), password: "short", name: "S" } }),
      noParams,
    );
    expect(short.status).toBe(400);
    expect((await short.json()).error.message).toBe("password: must be at least 8 characters");

    const badEmail = await signUp(
      apiRequest("/api/auth/signup", { method: "POST", body: { email: "nobody", password: "long enough", name: "S" } }),
      noParams,
    );
    expect((await badEmail.json()).error).toEqual({ code: "bad_request", message: "email: must be an email address" });
  });

  it("answers 400 with a sentence, and no stack trace, for malformed JSON", async () => {
    const response = await signUp(apiRequest("/api/auth/signup", { method: "POST", body: '{"email": "a@b.c",' }), noParams);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "bad_request", message: "The request body is not valid JSON." } });
  });
});

describe("logging in", () => {
  it("answers 200 with the user and a cookie for the right password, email in any case", async () => {
    const { user, email, password } = await signUpUser("login");
    const response = await logIn(logInRequest(email.toUpperCase(), password), noParams);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user });
    const meResponse = await me(apiRequest("/api/auth/me", { cookie: cookieFrom(response) }), noParams);
    expect((await meResponse.json()).user.id).toBe(user.id);
  });

  it("answers the same 401 for a wrong password and for an unknown email", async () => {
    const { email } = await signUpUser("wrong");
    const wrong = await logIn(logInRequest(email, "not the password"), noParams);
    const unknown = await logIn(logInRequest(uniqueEmail("nobody"), "not the password"), noParams);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const body = { error: { code: "unauthorized", message: "The email or password is not correct." } };
    expect(await wrong.json()).toEqual(body);
    expect(await unknown.json()).toEqual(body);
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("answers 429 with Retry-After and a sentence once failures at one email pass five", async () => {
    const { email, password } = await signUpUser("limited");
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await logIn(logInRequest(email, `guess ${attempt}`), noParams);
      expect(response.status).toBe(401);
    }
    // Five more from elsewhere make the next attempt wait 32 s (1 s doubled per failure).
    for (let attempt = 0; attempt < 5; attempt++) loginRateLimit().recordFailure({ clientAddress: `203.0.113.${attempt}`, email });
    const response = await logIn(logInRequest(email, password), noParams);
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(20);
    expect(retryAfter).toBeLessThanOrEqual(32);
    expect((await response.json()).error).toEqual({ code: "rate_limited", message: `Too many failed sign-in attempts. Try again in ${retryAfter} seconds.` });
  });
});

describe("/api/auth/me", () => {
  it("answers 401 without a cookie, and with a forged or garbled one", async () => {
    const { cookie } = await signUpUser("forged");
    const [header, , signature] = cookie.slice("runnel_session=".length).split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ sub: "someone-else", exp: 4e9 })).toString("base64url");
    for (const sent of [undefined, `runnel_session=${header}.${forgedPayload}.${signature}`, "runnel_session=garbage"]) {
      const response = await me(apiRequest("/api/auth/me", { cookie: sent }), noParams);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "Sign in to continue." } });
    }
  });

  it("stops accepting a cookie once its account is deleted", async () => {
    const { user, cookie } = await signUpUser("deleted");
    await getPrisma().user.delete({ where: { id: user.id } });
    expect((await me(apiRequest("/api/auth/me", { cookie }), noParams)).status).toBe(401);
  });
});

describe("logging out", () => {
  it("answers 204 and clears the session cookie", async () => {
    const { cookie } = await signUpUser("logout");
    const response = await logOut(apiRequest("/api/auth/logout", { method: "POST", cookie }), noParams);
    expect(response.status).toBe(204);
    expect(response.headers.get("set-cookie")).toMatch(/^runnel_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax/);
    const cleared = cookieFrom(response);
    expect((await me(apiRequest("/api/auth/me", { cookie: cleared }), noParams)).status).toBe(401);
  });

  it("revokes the token on the server: a copy of the cookie stops working, another sign-in of the same user does not", async () => {
    const { email, password, cookie } = await signUpUser("copied");
    const other = await logIn(apiRequest("/api/auth/login", { method: "POST", body: { email, password } }), noParams);
    const otherCookie = cookieFrom(other);
    expect((await me(apiRequest("/api/auth/me", { cookie }), noParams)).status).toBe(200);
    await logOut(apiRequest("/api/auth/logout", { method: "POST", cookie }), noParams);
    expect((await me(apiRequest("/api/auth/me", { cookie }), noParams)).status).toBe(401);
    expect((await me(apiRequest("/api/auth/me", { cookie: otherCookie }), noParams)).status).toBe(200);
  });

  it("forgets revocations once their tokens have expired", async () => {
    const { cookie } = await signUpUser("pruned");
    await logOut(apiRequest("/api/auth/logout", { method: "POST", cookie }), noParams);
    const later = new Date(Date.now() + 8 * 24 * 3600 * 1000);
    expect(await pruneRevokedSessionTokens(later)).toBeGreaterThanOrEqual(1);
    expect(await getPrisma().revokedSessionToken.count({ where: { expiresAt: { lt: later } } })).toBe(0);
  });
});

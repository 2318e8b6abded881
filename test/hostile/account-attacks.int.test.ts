import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as logInRoute } from "@/app/api/auth/login/route";
import { POST as logOutEverywhereRoute } from "@/app/api/auth/logout-everywhere/route";
import { POST as logOutRoute } from "@/app/api/auth/logout/route";
import { GET as meRoute } from "@/app/api/auth/me/route";
import { POST as changePasswordRoute } from "@/app/api/auth/password/route";
import { POST as signUpRoute } from "@/app/api/auth/signup/route";
import { POST as createNotebookRoute } from "@/app/api/notebooks/route";
import { GET as listTokensRoute, POST as createTokenRoute } from "@/app/api/tokens/route";
import { changePassword } from "@/lib/auth/change-password";
import { LoginRateLimit } from "@/lib/auth/login-rate-limit";
import { TWO_SESSION_COOKIES } from "@/lib/auth/session-cookie";
import { getPrisma } from "@/lib/db/client";
import { apiRequest, cookieFrom, noParams, signUpUser, uniqueEmail, withMigratedDatabase, type ApiRequestOptions } from "@/test/route-requests";

withMigratedDatabase();

// Each test from an address of its own, so the sign-in limits of one never reach another.
const fromAddress = () => ({ "x-forwarded-for": `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID()}` });
const HTTPS = { "x-forwarded-proto": "https" };

const me = (options: ApiRequestOptions) => meRoute(apiRequest("/api/auth/me", options), noParams);
const logIn = (email: string, password: string, headers: Record<string, string> = fromAddress()) =>
  logInRoute(apiRequest("/api/auth/login", { method: "POST", body: { email, password }, headers }), noParams);

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  return (await response.json()).error;
}

describe("session cookies", () => {
  it("two session cookies are refused: a second one set for a parent domain cannot choose the account (401, nothing written)", async () => {
    const victim = await signUpUser("victim");
    const attacker = await signUpUser("attacker");
    // The order a browser sends them in is the attacker's to choose; neither is believed.
    for (const cookie of [`${attacker.cookie}; ${victim.cookie}`, `${victim.cookie}; theme=dark; ${attacker.cookie}`]) {
      const response = await me({ cookie });
      expect(response.status).toBe(401);
      expect(await errorOf(response)).toEqual({ code: "unauthorized", message: TWO_SESSION_COOKIES });
    }
    const title = `tossed ${randomUUID()}`;
    const write = await createNotebookRoute(
      apiRequest("/api/notebooks", { method: "POST", cookie: `${attacker.cookie}; ${victim.cookie}`, body: { title, content: "# x\n" } }),
      noParams,
    );
    expect(write.status).toBe(401);
    expect(await getPrisma().notebook.count({ where: { title } })).toBe(0);
    // Each alone still works.
    expect((await me({ cookie: victim.cookie })).status).toBe(200);
  });

  it("two session cookies: signing out still works (the way out the refusal names), revoking both", async () => {
    const first = await signUpUser("first");
    const second = await signUpUser("second");
    const response = await logOutRoute(apiRequest("/api/auth/logout", { method: "POST", cookie: `${first.cookie}; ${second.cookie}` }), noParams);
    expect(response.status).toBe(204);
    expect(response.headers.get("set-cookie")).toMatch(/^runnel_session=; Path=\/; Max-Age=0/);
    for (const cookie of [first.cookie, second.cookie]) expect((await me({ cookie })).status).toBe(401);
  });

  it("over HTTPS the cookie is __Host- prefixed, and a plain one tossed from a sibling subdomain is not believed", async () => {
    const email = uniqueEmail("https");
    const signedUp = await signUpRoute(
      apiRequest("/api/auth/signup", { method: "POST", body: { email, password: "correct horse", name: "Https" }, headers: { ...HTTPS, ...fromAddress() } }),
      noParams,
    );
    expect(signedUp.status).toBe(201);
    const setCookie = signedUp.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^__Host-runnel_session=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; Max-Age=604800; HttpOnly; SameSite=Lax; Secure$/);
    const own = cookieFrom(signedUp);
    expect((await me({ cookie: own, headers: HTTPS })).status).toBe(200);

    // An app at evil.apps.example.com can set `runnel_session=…; Domain=example.com`, with a valid
    // token of the attacker's own account: over HTTPS that name is never read.
    const attacker = await signUpUser("tosser");
    const tossed = await me({ cookie: attacker.cookie, headers: HTTPS });
    expect(tossed.status).toBe(401);
    const beside = await me({ cookie: `${attacker.cookie}; ${own}`, headers: HTTPS });
    expect(beside.status).toBe(200);
    expect((await beside.json()).user.email).toBe(email);
  });
});

describe("changing the password", () => {
  it("a stolen session dies when the password changes; the browser that changed it stays signed in", async () => {
    const { user, email, password, cookie } = await signUpUser("owner");
    const stolen = cookieFrom(await logIn(email, password));
    expect((await me({ cookie: stolen })).status).toBe(200);

    const newPassword = `new-${randomUUID()}`;
    const changed = await changePasswordRoute(
      apiRequest("/api/auth/password", { method: "POST", cookie, body: { currentPassword: password, newPassword }, headers: fromAddress() }),
      noParams,
    );
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({ user });
    const renewed = cookieFrom(changed);

    for (const old of [stolen, cookie]) {
      const refused = await me({ cookie: old });
      expect(refused.status).toBe(401);
      expect((await errorOf(refused)).message).toBe("Sign in to continue.");
    }
    expect((await me({ cookie: renewed })).status).toBe(200);
    expect((await logIn(email, password)).status).toBe(401);
    expect((await logIn(email, newPassword)).status).toBe(200);
  });

  it("a stolen session cannot change the password without the current one (403), nor guess it faster than sign-in allows (429)", async () => {
    const { user, email, password, cookie } = await signUpUser("guessed");
    const before = await getPrisma().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true, sessionGeneration: true } });
    const wrong = await changePasswordRoute(
      apiRequest("/api/auth/password", { method: "POST", cookie, body: { currentPassword: "a guess", newPassword: "attacker's own" }, headers: fromAddress() }),
      noParams,
    );
    expect(wrong.status).toBe(403);
    expect(await errorOf(wrong)).toEqual({ code: "forbidden", message: "The current password is not correct." });
    expect(wrong.headers.get("set-cookie")).toBeNull();

    // The same limits as sign-in, on a clock of the test's own: after five failures the next
    // guess at this account waits, whatever the guess.
    const now = Date.now();
    const limit = new LoginRateLimit(() => now);
    const attempt = (currentPassword: string) =>
      changePassword({ userId: user.id, currentPassword, newPassword: "attacker's own", clientAddress: "203.0.113.66" }, limit);
    for (let guess = 0; guess < 5; guess++) await expect(attempt(`guess ${guess}`)).rejects.toMatchObject({ code: "forbidden" });
    await expect(attempt(password)).rejects.toMatchObject({ code: "rate_limited", retryAfterSeconds: 1 });

    const after = await getPrisma().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true, sessionGeneration: true } });
    expect(after).toEqual(before);
    expect((await me({ cookie })).status).toBe(200);
    expect((await logIn(email, password)).status).toBe(200);
  });

  it("refuses a new password that sign-up would refuse (400 with a sentence), changing nothing", async () => {
    const { email, password, cookie } = await signUpUser("short");
    const response = await changePasswordRoute(
      apiRequest("/api/auth/password", { method: "POST", cookie, body: { currentPassword: password, newPassword: "short" }, headers: fromAddress() }),
      noParams,
    );
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/newPassword/);
    expect((await logIn(email, password)).status).toBe(200);
  });
});

describe("signing out everywhere", () => {
  it("a stolen session dies when its owner signs out everywhere, keeping the current browser", async () => {
    const { email, password, cookie } = await signUpUser("everywhere");
    const stolen = cookieFrom(await logIn(email, password));
    const response = await logOutEverywhereRoute(apiRequest("/api/auth/logout-everywhere", { method: "POST", cookie, body: { keepCurrent: true } }), noParams);
    expect(response.status).toBe(204);
    const kept = cookieFrom(response);
    expect(kept).toMatch(/^runnel_session=[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await me({ cookie: stolen })).status).toBe(401);
    expect((await me({ cookie })).status).toBe(401);
    expect((await me({ cookie: kept })).status).toBe(200);
  });

  it("without keepCurrent every session ends and this one's cookie is cleared; API tokens keep working", async () => {
    const { email, password, cookie } = await signUpUser("all");
    const other = cookieFrom(await logIn(email, password));
    const { token } = await (await createTokenRoute(apiRequest("/api/tokens", { method: "POST", cookie, body: { name: "script" } }), noParams)).json();
    const response = await logOutEverywhereRoute(apiRequest("/api/auth/logout-everywhere", { method: "POST", cookie, body: {} }), noParams);
    expect(response.status).toBe(204);
    expect(response.headers.get("set-cookie")).toMatch(/^runnel_session=; Path=\/; Max-Age=0/);
    for (const old of [cookie, other]) expect((await me({ cookie: old })).status).toBe(401);
    expect((await me({ token })).status).toBe(200);
    // Signing in again works at once.
    expect((await me({ cookie: cookieFrom(await logIn(email, password)) })).status).toBe(200);
  });
});

describe("API token expiry", () => {
  it("an expired API token is refused: 401 naming when it expired, and its last use is not recorded", async () => {
    const { cookie } = await signUpUser("expiry");
    const expiresAt = new Date(Date.now() + 60 * 60 * 1000).toISOString();
    const created = await createTokenRoute(apiRequest("/api/tokens", { method: "POST", cookie, body: { name: "nightly", expiresAt } }), noParams);
    expect(created.status).toBe(201);
    const { id, token, expiresAt: echoed } = await created.json();
    expect(echoed).toBe(expiresAt);
    expect((await me({ token })).status).toBe(200);

    // An hour later, as far as the token is concerned.
    const past = new Date(Date.now() - 1000);
    await getPrisma().apiToken.update({ where: { id }, data: { expiresAt: past, lastUsedAt: null } });
    const refused = await me({ token });
    expect(refused.status).toBe(401);
    expect(await errorOf(refused)).toEqual({
      code: "unauthorized",
      message: `The API token "nightly" expired on ${past.toISOString()}. Make a new one on your account's settings page.`,
    });
    expect((await getPrisma().apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toBeNull();
    // A valid cookie beside it does not rescue it.
    expect((await me({ token, cookie })).status).toBe(401);

    const { tokens } = await (await listTokensRoute(apiRequest("/api/tokens", { cookie }), noParams)).json();
    expect(tokens).toEqual([{ id, name: "nightly", createdAt: expect.any(String), lastUsedAt: null, expiresAt: past.toISOString() }]);
  });

  it("a token cannot be made already expired, nor with an expiry that is not a date (400, nothing made)", async () => {
    const { user, cookie } = await signUpUser("backdated");
    for (const expiresAt of [new Date(Date.now() - 60_000).toISOString(), "next tuesday", 1_700_000_000]) {
      const response = await createTokenRoute(apiRequest("/api/tokens", { method: "POST", cookie, body: { name: "x", expiresAt } }), noParams);
      expect(response.status).toBe(400);
      expect((await errorOf(response)).message).toMatch(/expiresAt/);
    }
    expect(await getPrisma().apiToken.count({ where: { userId: user.id } })).toBe(0);
  });
});

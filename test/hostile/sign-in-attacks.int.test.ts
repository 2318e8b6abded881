import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as logInRoute } from "@/app/api/auth/login/route";
import { POST as signUpRoute } from "@/app/api/auth/signup/route";
import { logIn } from "@/lib/auth/log-in";
import { LOGIN_MAX_FAILURES_PER_ADDRESS, LoginRateLimit } from "@/lib/auth/login-rate-limit";
import { getSettings } from "@/lib/config/settings";
import { getPrisma } from "@/lib/db/client";
import { acceptForwardedHeaders, trustedProxyList } from "@/lib/http/accept-forwarded-headers";
import { AppError } from "@/lib/http/app-error";
import { apiRequest, noParams, signUpUser, uniqueEmail, withMigratedDatabase } from "@/test/route-requests";

withMigratedDatabase();

/** The login route behind a real socket, with server.ts's edge rewrite of forwarding headers. */
async function loginServer(trusted: string[]): Promise<{ server: Server; url: string }> {
  const proxies = trustedProxyList(trusted);
  const server = createServer(async (request, response) => {
    acceptForwardedHeaders(request.headers, request.socket.remoteAddress, proxies);
    let body = "";
    for await (const chunk of request) body += String(chunk);
    const headers = new Headers(Object.entries(request.headers).map(([name, value]): [string, string] => [name, String(value)]));
    const reply = await logInRoute(new Request("http://localhost/api/auth/login", { method: "POST", headers, body }), noParams);
    response.writeHead(reply.status, Object.fromEntries(reply.headers));
    response.end(await reply.text());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

const failedLogIn = (url: string, forwardedFor: string) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
    body: JSON.stringify({ email: uniqueEmail("nobody"), password: "not the password" }),
  });

describe("sign-in from one connection", () => {
  let untrusted: { server: Server; url: string };
  let trusted: { server: Server; url: string };
  beforeAll(async () => {
    untrusted = await loginServer([]);
    trusted = await loginServer(["127.0.0.1"]);
  });
  afterAll(() => {
    untrusted.server.close();
    trusted.server.close();
  });

  it("spoofed X-Forwarded-For: thirty failures, each claiming another address, are counted against the connection's", async () => {
    for (let attempt = 0; attempt < LOGIN_MAX_FAILURES_PER_ADDRESS; attempt++) {
      expect((await failedLogIn(untrusted.url, `203.0.113.${attempt}`)).status).toBe(401);
    }
    const refused = await failedLogIn(untrusted.url, "198.51.100.200");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).error.message).toMatch(/^Too many failed sign-in attempts\. Try again in \d+ minutes\.$/);
  }, 120_000);

  it("believes X-Forwarded-For from a configured trusted proxy (so its clients are told apart)", async () => {
    for (let attempt = 0; attempt < 3; attempt++) expect((await failedLogIn(trusted.url, `192.0.2.${attempt}`)).status).toBe(401);
    // Loopback itself is limited by the previous test; the proxied clients are not.
    expect((await failedLogIn(trusted.url, "192.0.2.99")).status).toBe(401);
  }, 60_000);
});

describe("many addresses failing at one account", () => {
  it("lockout: twelve failures from twelve addresses only delay the owner, who then signs in with the right password", async () => {
    const { email, password } = await signUpUser("victim");
    let now = Date.now();
    const limit = new LoginRateLimit(() => now);
    for (let attempt = 0; attempt < 12; attempt++) {
      now += 61_000;
      await expect(logIn({ email, password: `guess ${attempt}`, clientAddress: `203.0.113.${attempt}` }, limit)).rejects.toMatchObject({ code: "unauthorized" });
    }
    const delayed = await logIn({ email, password, clientAddress: "198.51.100.7" }, limit).catch((error: unknown) => error);
    expect(delayed).toBeInstanceOf(AppError);
    expect(delayed).toMatchObject({ code: "rate_limited", retryAfterSeconds: 60 });
    now += 60_000;
    await expect(logIn({ email, password, clientAddress: "198.51.100.7" }, limit)).resolves.toMatchObject({ email });
  }, 60_000);
});

describe("sign-up", () => {
  it("account minting: one address gets SIGNUP_MAX_PER_HOUR accounts an hour, then 429 with nothing written", async () => {
    const headers = { "x-forwarded-for": `198.18.250.${Math.floor(Math.random() * 250)}` };
    const signUp = (email: string) =>
      signUpRoute(apiRequest("/api/auth/signup", { method: "POST", body: { email, password: "correct horse battery", name: "Minted" }, headers }), noParams);
    for (let i = 0; i < getSettings().SIGNUP_MAX_PER_HOUR; i++) expect((await signUp(uniqueEmail("minted"))).status).toBe(201);
    const email = uniqueEmail(`minted-${randomUUID()}`);
    const refused = await signUp(email);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).error.message).toMatch(/^Too many accounts were made from your address\. Try again in \d+ minutes\.$/);
    expect(await getPrisma().user.findUnique({ where: { email } })).toBeNull();
  }, 120_000);
});

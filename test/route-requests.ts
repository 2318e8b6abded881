// Helpers for integration tests that call route handlers directly, as Next would.
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect } from "vitest";
import { POST as signUpRoute } from "../app/api/auth/signup/route";
import { getSettings } from "../lib/config/settings";
import { disconnectPrisma } from "../lib/db/client";
import { databaseTarget } from "../lib/db/driver-adapter";
import { migrateDatabase } from "../lib/db/migrate-database";
import type { RouteParams } from "../lib/http/with-route";

/** Migrates DATA_DIR's database before a file's tests and closes it after (PGlite has one opener). */
export function withMigratedDatabase(): void {
  beforeAll(async () => {
    await migrateDatabase(databaseTarget(getSettings()));
  });
  afterAll(async () => {
    await disconnectPrisma();
  });
}

export type ApiRequestOptions = {
  method?: string;
  /** Sent as JSON; a string is sent as it is (for malformed bodies). */
  body?: unknown;
  cookie?: string;
  token?: string;
  headers?: Record<string, string>;
};

export function apiRequest(path: string, { method = "GET", body, cookie, token, headers }: ApiRequestOptions = {}): Request {
  const sent = new Headers(headers);
  if (body !== undefined && !sent.has("content-type")) sent.set("content-type", "application/json");
  if (cookie) sent.set("cookie", cookie);
  if (token) sent.set("authorization", `Bearer ${token}`);
  const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  return new Request(`http://localhost${path}`, { method, headers: sent, body: payload });
}

export function routeParams<Params extends Record<string, string>>(params: Params): RouteParams<Params> {
  return { params: Promise.resolve(params) };
}

export const noParams: RouteParams = routeParams({});

/** The "name=value" pair a response's Set-Cookie asks the browser to keep. */
export function cookieFrom(response: Response): string {
  const header = response.headers.get("set-cookie");
  expect(header, "the response sets a cookie").toBeTruthy();
  return header!.split(";")[0]!;
}

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomUUID()}@example.com`;
}

export type SignedUpUser = { user: { id: string; email: string; name: string }; cookie: string; email: string; password: string };

/** Signs a fresh user up through the route and returns their session cookie. */
export async function signUpUser(label = "user"): Promise<SignedUpUser> {
  const email = uniqueEmail(label);
  const password = `pw-${randomUUID()}`;
  // Each from its own address, as sign-ups per address are limited.
  const headers = { "x-forwarded-for": `198.18.${randomInt(256)}.${randomInt(256)}` };
  const response = await signUpRoute(apiRequest("/api/auth/signup", { method: "POST", body: { email, password, name: label }, headers }), noParams);
  expect(response.status).toBe(201);
  const { user } = await response.json();
  return { user, cookie: cookieFrom(response), email, password };
}

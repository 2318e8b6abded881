import { describe, expect, it } from "vitest";
import { GET as me } from "@/app/api/auth/me/route";
import { DELETE as revokeToken } from "@/app/api/tokens/[id]/route";
import { GET as listTokens, POST as createToken } from "@/app/api/tokens/route";
import { hashApiToken } from "@/lib/auth/api-token";
import { getPrisma } from "@/lib/db/client";
import { apiRequest, noParams, routeParams, signUpUser, withMigratedDatabase } from "@/test/route-requests";

withMigratedDatabase();

async function newToken(cookie: string, name = "ci"): Promise<{ id: string; name: string; token: string }> {
  const response = await createToken(apiRequest("/api/tokens", { method: "POST", cookie, body: { name } }), noParams);
  expect(response.status).toBe(201);
  return response.json();
}

describe("API tokens", () => {
  it("are shown once on creation, stored only as a hash, and listed without secrets", async () => {
    const { user, cookie } = await signUpUser("tokens");
    const created = await newToken(cookie, "  laptop script ");
    expect(created).toEqual({ id: expect.any(String), name: "laptop script", token: expect.stringMatching(/^rnl_[\w-]{43}$/), expiresAt: null });

    const row = await getPrisma().apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ userId: user.id, tokenHash: hashApiToken(created.token), lastUsedAt: null });

    const list = await listTokens(apiRequest("/api/tokens", { cookie }), noParams);
    expect(list.status).toBe(200);
    const { tokens } = await list.json();
    expect(tokens).toEqual([{ id: created.id, name: "laptop script", createdAt: expect.any(String), lastUsedAt: null, expiresAt: null }]);
    expect(JSON.stringify(tokens)).not.toContain(created.token.slice(4));
  });

  it("authenticate as Bearer, recording when they were last used", async () => {
    const { user, cookie } = await signUpUser("bearer");
    const { id, token } = await newToken(cookie);
    const response = await me(apiRequest("/api/auth/me", { token }), noParams);
    expect(response.status).toBe(200);
    expect((await response.json()).user).toEqual(user);
    const row = await getPrisma().apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.lastUsedAt).toBeInstanceOf(Date);
  });

  it("stop working once revoked (204), answering 401", async () => {
    const { cookie } = await signUpUser("revoke");
    const { id, token } = await newToken(cookie);
    const response = await revokeToken(apiRequest(`/api/tokens/${id}`, { method: "DELETE", cookie }), routeParams({ id }));
    expect(response.status).toBe(204);
    expect((await me(apiRequest("/api/auth/me", { token }), noParams)).status).toBe(401);
    const { tokens } = await (await listTokens(apiRequest("/api/tokens", { cookie }), noParams)).json();
    expect(tokens).toEqual([]);
  });

  it("of another user cannot be revoked: 404, and the token keeps working", async () => {
    const owner = await signUpUser("owner");
    const other = await signUpUser("other");
    const { id, token } = await newToken(owner.cookie);
    const response = await revokeToken(apiRequest(`/api/tokens/${id}`, { method: "DELETE", cookie: other.cookie }), routeParams({ id }));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: "There is no such API token." } });
    expect((await me(apiRequest("/api/auth/me", { token }), noParams)).status).toBe(200);
  });

  it("that are unknown or malformed answer 401, and a session cookie does not rescue them", async () => {
    const { cookie } = await signUpUser("badtoken");
    for (const token of [`rnl_${"A".repeat(43)}`, "not-a-token"]) {
      expect((await me(apiRequest("/api/auth/me", { token }), noParams)).status).toBe(401);
      expect((await me(apiRequest("/api/auth/me", { token, cookie }), noParams)).status).toBe(401);
    }
  });

  it("need a name, and a signed-in user to create or list them", async () => {
    const { cookie } = await signUpUser("noname");
    const unnamed = await createToken(apiRequest("/api/tokens", { method: "POST", cookie, body: { name: " " } }), noParams);
    expect(unnamed.status).toBe(400);
    expect((await unnamed.json()).error.message).toBe("name: is required");
    expect((await listTokens(apiRequest("/api/tokens"), noParams)).status).toBe(401);
    expect((await createToken(apiRequest("/api/tokens", { method: "POST", body: { name: "x" } }), noParams)).status).toBe(401);
  });
});

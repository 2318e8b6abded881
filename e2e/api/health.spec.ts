import { expect, test } from "@playwright/test";

test("health reports the Docker engine, the database and the runtime image", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("no-store");
  const body = await response.json();
  expect(body.status).toBe("ok");
  expect(body.docker).toMatchObject({ ok: true, version: expect.stringMatching(/^\d+\.\d+/) });
  expect(body.db).toEqual({ ok: true, kind: "pglite", migrations: { applied: expect.any(Number), pending: [] } });
  expect(body.db.migrations.applied).toBeGreaterThan(0);
  expect(body.images.runtime).toMatchObject({ ok: true, tag: expect.stringMatching(/^runnel-runtime:[0-9a-f]{12}$/) });
});

test("an unknown API path answers 404", async ({ request }) => {
  const response = await request.get("/api/no-such-route");
  expect(response.status()).toBe(404);
});

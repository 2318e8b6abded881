import { expect, test } from "@playwright/test";

test("every reply carries a request id, and a well-formed one from a proxy is kept", async ({ request }) => {
  const fresh = await request.get("/api/health");
  expect(fresh.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  const given = await request.get("/api/health", { headers: { "x-request-id": "traefik-0123456789" } });
  expect(given.headers()["x-request-id"]).toBe("traefik-0123456789");
  const hostile = await request.get("/api/health", { headers: { "x-request-id": "<script>alert(1)</script>" } });
  expect(hostile.headers()["x-request-id"]).not.toContain("<");
});

test("/metrics answers Prometheus text on loopback, with runs counted after a run", async ({ request }) => {
  const email = `metrics-${Date.now()}@example.com`;
  const signup = await request.post("/api/auth/signup", { data: { email, password: "correct horse battery", name: "Metrics" } });
  expect(signup.status()).toBe(201);
  const created = await request.post("/api/notebooks", { data: { title: "metrics", content: "```runnable bash\necho hi\n```\n" } });
  const { notebook } = await created.json();
  const connected = await request.post(`/api/notebooks/${notebook.id}/session`);
  const { session } = await connected.json();
  const run = await request.post("/api/executions", { data: { sessionId: session.id, blockIndex: 0 } });
  expect(await run.text()).toContain('"exitCode":0');

  const metrics = await request.get("/metrics");
  expect(metrics.status()).toBe(200);
  expect(metrics.headers()["content-type"]).toContain("text/plain");
  const text = await metrics.text();
  expect(text).toMatch(/^runnel_runs_total\{runtime="bash",outcome="success"\} [1-9]/m);
  expect(text).toMatch(/^runnel_run_duration_seconds_count\{runtime="bash"\} [1-9]/m);
  expect(text).toMatch(/^runnel_session_connect_duration_seconds_count\{source="\w+",outcome="success"\} [1-9]/m);
  expect(text).toMatch(/^runnel_running_sessions [1-9]/m);
  expect(text).toMatch(/^runnel_warm_pool_size \d/m);
  expect(text).toMatch(/^runnel_request_duration_seconds_count\{method="POST",code="201"\} [1-9]/m);
  for (const name of ["runnel_app_builds_total", "runnel_container_create_failures_total", "runnel_r_runs_total"]) {
    expect(text).toContain(`# TYPE ${name} counter`);
  }
  await request.delete(`/api/notebooks/${notebook.id}/session`);
});

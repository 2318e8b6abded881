import { describe, expect, it } from "vitest";
import { AppError } from "./app-error";
import { withRoute, type RouteParams } from "./with-route";

const noParams: RouteParams = { params: Promise.resolve({}) };

describe("withRoute", () => {
  it("passes the request and Next's route context through", async () => {
    const route = withRoute<RouteParams<{ id: string }>>(async (request, { params }) =>
      Response.json({ id: (await params).id, method: request.method }),
    );
    const response = await route(new Request("http://localhost/x", { method: "PATCH" }), { params: Promise.resolve({ id: "n1" }) });
    expect(await response.json()).toEqual({ id: "n1", method: "PATCH" });
  });

  it("turns a thrown AppError into the error envelope", async () => {
    const route = withRoute(async () => {
      throw new AppError("not_found", "There is no such notebook.");
    });
    const response = await route(new Request("http://localhost/x"), noParams);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: "There is no such notebook." } });
  });

  it("answers 401 \"Sign in to continue.\" to a request without credentials when a user is required", async () => {
    let called = false;
    const route = withRoute(
      async () => {
        called = true;
        return new Response(null, { status: 204 });
      },
      { auth: "user" },
    );
    const response = await route(new Request("http://localhost/x"), noParams);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "Sign in to continue." } });
    expect(called).toBe(false);
  });

  it("refuses changes that a browser says come from another site, before looking at credentials", async () => {
    const route = withRoute(async () => new Response(null, { status: 204 }), { auth: "user" });
    for (const site of ["cross-site", "same-site"]) {
      const request = new Request("http://localhost/x", { method: "DELETE", headers: { "sec-fetch-site": site } });
      expect((await route(request, noParams)).status).toBe(403);
    }
  });
});

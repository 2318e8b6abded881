import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, RateLimitError } from "./app-error";
import { toErrorResponse } from "./error-response";

describe("toErrorResponse", () => {
  afterEach(() => vi.restoreAllMocks());

  it("maps an AppError to its status and the API envelope", async () => {
    const response = toErrorResponse(new AppError("conflict", "The notebook changed.", "version 3 != 4"));
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: { code: "conflict", message: "The notebook changed." } });
  });

  it("tells a rate-limited client when to retry in a Retry-After header", async () => {
    const response = toErrorResponse(new RateLimitError("Too many attempts. Try again in 2 minutes.", 120));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("120");
    expect((await response.json()).error.code).toBe("rate_limited");
  });

  it("turns a zod failure into a 400 naming the field", async () => {
    const result = z.object({ title: z.string() }).safeParse({ title: 3 });
    const response = toErrorResponse(result.error);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toMatch(/^title: /);
  });

  it("hides the message and stack of an unexpected error", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const response = toErrorResponse(new Error("ECONNREFUSED /var/run/secret.sock at foo.ts:12"));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("secret");
    expect(JSON.parse(text).error.code).toBe("internal");
  });

  it("names the request id in a 5xx body, so a report can be matched to the log", async () => {
    const response = toErrorResponse(new Error("boom"), "req-12345678");
    expect((await response.json()).error).toEqual({
      code: "internal",
      message: "Something went wrong on our side. Please try again.",
      requestId: "req-12345678",
    });
    const refused = toErrorResponse(new AppError("not_found", "No such notebook."), "req-12345678");
    expect((await refused.json()).error.requestId).toBeUndefined();
  });
});

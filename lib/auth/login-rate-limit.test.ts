import { describe, expect, it } from "vitest";
import { RateLimitError } from "../http/app-error";
import { FailureLimiter } from "./failure-limiter";
import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS, LoginRateLimit } from "./login-rate-limit";

function rateLimitAt(start = 5_000_000) {
  let now = start;
  const limiter = new FailureLimiter({ maxFailures: LOGIN_MAX_FAILURES, windowMs: LOGIN_WINDOW_MS, now: () => now });
  return { rateLimit: new LoginRateLimit(limiter), advance: (ms: number) => void (now += ms) };
}

function refusal(check: () => void): RateLimitError {
  try {
    check();
  } catch (error) {
    if (error instanceof RateLimitError) return error;
    throw error;
  }
  throw new Error("the attempt was allowed");
}

describe("the login rate limit", () => {
  it("allows ten failures per email in 15 minutes, then refuses saying when to retry", () => {
    const { rateLimit } = rateLimitAt();
    const attempt = { clientAddress: "198.51.100.1", email: "ada@example.com" };
    for (let i = 0; i < 10; i++) {
      rateLimit.assertAllowed(attempt);
      rateLimit.recordFailure(attempt);
    }
    const error = refusal(() => rateLimit.assertAllowed(attempt));
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(900);
    expect(error.message).toBe("Too many failed sign-in attempts. Try again in 15 minutes.");
  });

  it("counts one email's failures across addresses", () => {
    const { rateLimit } = rateLimitAt();
    for (let i = 0; i < 10; i++) rateLimit.recordFailure({ clientAddress: `198.51.100.${i}`, email: "ada@example.com" });
    refusal(() => rateLimit.assertAllowed({ clientAddress: "198.51.100.99", email: "ada@example.com" }));
  });

  it("counts one address's failures across emails", () => {
    const { rateLimit } = rateLimitAt();
    for (let i = 0; i < 10; i++) rateLimit.recordFailure({ clientAddress: "198.51.100.1", email: `user${i}@example.com` });
    refusal(() => rateLimit.assertAllowed({ clientAddress: "198.51.100.1", email: "someone-else@example.com" }));
    rateLimit.assertAllowed({ clientAddress: "198.51.100.2", email: "someone-else@example.com" });
  });

  it("tells the exact wait, in seconds under a minute", () => {
    const { rateLimit, advance } = rateLimitAt();
    const attempt = { clientAddress: "local", email: "ada@example.com" };
    for (let i = 0; i < 10; i++) rateLimit.recordFailure(attempt);
    advance(LOGIN_WINDOW_MS - 42_000);
    const error = refusal(() => rateLimit.assertAllowed(attempt));
    expect(error.retryAfterSeconds).toBe(42);
    expect(error.message).toMatch(/Try again in 42 seconds\.$/);
    advance(42_000);
    rateLimit.assertAllowed(attempt);
  });

  it("clears the email's count on a success, but not the address's", () => {
    const { rateLimit } = rateLimitAt();
    const attempt = { clientAddress: "198.51.100.1", email: "ada@example.com" };
    for (let i = 0; i < 9; i++) rateLimit.recordFailure(attempt);
    rateLimit.recordSuccess(attempt);
    rateLimit.recordFailure({ clientAddress: "198.51.100.2", email: "ada@example.com" });
    rateLimit.assertAllowed({ clientAddress: "198.51.100.2", email: "ada@example.com" });
    rateLimit.recordFailure(attempt);
    refusal(() => rateLimit.assertAllowed({ clientAddress: "198.51.100.1", email: "bob@example.com" }));
  });
});

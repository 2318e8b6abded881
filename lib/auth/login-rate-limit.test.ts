import { describe, expect, it } from "vitest";
import { RateLimitError } from "../http/app-error";
import {
  LOGIN_FREE_FAILURES_PER_EMAIL,
  LOGIN_MAX_FAILURES_PER_ADDRESS,
  LOGIN_MAX_FAILURES_PER_EMAIL_AND_ADDRESS,
  LOGIN_WINDOW_MS,
  LoginRateLimit,
} from "./login-rate-limit";

function rateLimitAt(start = 5_000_000) {
  let now = start;
  return { rateLimit: new LoginRateLimit(() => now), advance: (ms: number) => void (now += ms) };
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
  it("refuses one address guessing at one account after ten failures, saying when to retry", () => {
    const { rateLimit, advance } = rateLimitAt();
    const attempt = { clientAddress: "198.51.100.1", email: "ada@example.com" };
    for (let i = 0; i < LOGIN_MAX_FAILURES_PER_EMAIL_AND_ADDRESS; i++) {
      advance(61_000); // past the per-email delay
      rateLimit.assertAllowed(attempt);
      rateLimit.recordFailure(attempt);
    }
    advance(61_000);
    const error = refusal(() => rateLimit.assertAllowed(attempt));
    expect(error.status).toBe(429);
    expect(error.message).toMatch(/^Too many failed sign-in attempts\. Try again in \d+ minutes\.$/);
    rateLimit.assertAllowed({ clientAddress: "198.51.100.2", email: "ada@example.com" });
  });

  it("refuses one address guessing at many accounts after thirty failures", () => {
    const { rateLimit } = rateLimitAt();
    for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ADDRESS; i++) rateLimit.recordFailure({ clientAddress: "198.51.100.1", email: `user${i}@example.com` });
    refusal(() => rateLimit.assertAllowed({ clientAddress: "198.51.100.1", email: "someone-else@example.com" }));
    rateLimit.assertAllowed({ clientAddress: "198.51.100.2", email: "someone-else@example.com" });
  });

  it("lockout: many addresses failing at one email only delay it, by a growing wait of at most a minute", () => {
    const { rateLimit, advance } = rateLimitAt();
    const email = "ada@example.com";
    for (let i = 0; i < LOGIN_FREE_FAILURES_PER_EMAIL; i++) rateLimit.recordFailure({ clientAddress: `198.51.100.${i}`, email });
    expect(refusal(() => rateLimit.assertAllowed({ clientAddress: "203.0.113.9", email })).retryAfterSeconds).toBe(1);
    rateLimit.recordFailure({ clientAddress: "198.51.100.50", email });
    expect(refusal(() => rateLimit.assertAllowed({ clientAddress: "203.0.113.9", email })).retryAfterSeconds).toBe(2);
    for (let i = 0; i < 20; i++) rateLimit.recordFailure({ clientAddress: `198.51.100.${100 + i}`, email });
    const error = refusal(() => rateLimit.assertAllowed({ clientAddress: "203.0.113.9", email }));
    expect(error.retryAfterSeconds).toBe(60);
    expect(error.message).toBe("Too many failed sign-in attempts. Try again in 1 minute.");
    advance(60_000);
    rateLimit.assertAllowed({ clientAddress: "203.0.113.9", email });
  });

  it("forgets failures after the window", () => {
    const { rateLimit, advance } = rateLimitAt();
    for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ADDRESS; i++) rateLimit.recordFailure({ clientAddress: "local", email: `u${i}@example.com` });
    advance(LOGIN_WINDOW_MS - 42_000);
    expect(refusal(() => rateLimit.assertAllowed({ clientAddress: "local", email: "x@example.com" })).retryAfterSeconds).toBe(42);
    advance(42_000);
    rateLimit.assertAllowed({ clientAddress: "local", email: "x@example.com" });
  });

  it("clears the account's counts on a success, but not the address's", () => {
    const { rateLimit } = rateLimitAt();
    const attempt = { clientAddress: "198.51.100.1", email: "ada@example.com" };
    for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ADDRESS - 1; i++) rateLimit.recordFailure(attempt);
    rateLimit.recordSuccess(attempt);
    rateLimit.assertAllowed(attempt);
    rateLimit.recordFailure(attempt);
    refusal(() => rateLimit.assertAllowed({ clientAddress: "198.51.100.1", email: "bob@example.com" }));
  });
});

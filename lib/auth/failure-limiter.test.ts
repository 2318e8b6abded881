import { describe, expect, it } from "vitest";
import { FailureLimiter } from "./failure-limiter";

function limiterAt(start = 1_000_000, options: { maxKeys?: number } = {}) {
  let now = start;
  const limiter = new FailureLimiter({ maxFailures: 3, windowMs: 60_000, now: () => now, ...options });
  return { limiter, advance: (ms: number) => void (now += ms) };
}

describe("FailureLimiter", () => {
  it("lets a key fail up to the limit and then refuses it", () => {
    const { limiter, advance } = limiterAt();
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs("k")).toBe(0);
      limiter.recordFailure("k");
      advance(1000);
    }
    // The first failure was 3 s ago, so it ages out 57 s from now.
    expect(limiter.retryAfterMs("k")).toBe(57_000);
  });

  it("lets the key try again exactly when its oldest failure leaves the window", () => {
    const { limiter, advance } = limiterAt();
    limiter.recordFailure("k");
    advance(10_000);
    limiter.recordFailure("k");
    limiter.recordFailure("k");
    advance(49_999);
    expect(limiter.retryAfterMs("k")).toBe(1);
    advance(1);
    expect(limiter.retryAfterMs("k")).toBe(0);
    // Two failures are still inside the window: one more blocks again, until the older one leaves.
    limiter.recordFailure("k");
    expect(limiter.retryAfterMs("k")).toBe(10_000);
  });

  it("counts keys separately", () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 3; i++) limiter.recordFailure("a");
    expect(limiter.retryAfterMs("a")).toBeGreaterThan(0);
    expect(limiter.retryAfterMs("b")).toBe(0);
  });

  it("forgets a key on reset", () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 3; i++) limiter.recordFailure("k");
    limiter.reset("k");
    expect(limiter.retryAfterMs("k")).toBe(0);
  });

  it("remembers at most maxKeys keys, forgetting the least recently failed", () => {
    const { limiter } = limiterAt(0, { maxKeys: 2 });
    for (const key of ["a", "b", "a", "c"]) for (let i = 0; i < 3; i++) limiter.recordFailure(key);
    expect(limiter.retryAfterMs("a")).toBeGreaterThan(0);
    expect(limiter.retryAfterMs("c")).toBeGreaterThan(0);
    expect(limiter.retryAfterMs("b")).toBe(0);
  });
});

export type Clock = () => number;

export type FailureLimiterOptions = {
  maxFailures: number;
  windowMs: number;
  now?: Clock;
  /** Keys remembered at most; past it the least recently failed are forgotten. */
  maxKeys?: number;
};

/**
 * Counts failures per key over a sliding window, in memory. A key with `maxFailures` failures
 * inside the window is refused until the oldest of them is `windowMs` old.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly now: Clock;
  private readonly maxKeys: number;

  constructor(private readonly options: FailureLimiterOptions) {
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfterMs(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.options.maxFailures) return 0;
    return recent[0]! + this.options.windowMs - this.now();
  }

  /** The times of `key`'s failures inside the window, oldest first (at most `maxFailures`). */
  failureTimes(key: string): number[] {
    return this.recent(key);
  }

  recordFailure(key: string): void {
    const recent = [...this.recent(key), this.now()].slice(-this.options.maxFailures);
    // Re-inserted so that the Map's order is least recently failed first.
    this.failures.delete(key);
    this.failures.set(key, recent);
    for (const stale of this.failures.keys()) {
      if (this.failures.size <= this.maxKeys) break;
      this.failures.delete(stale);
    }
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.options.windowMs;
    const recent = (this.failures.get(key) ?? []).filter((time) => time > since);
    if (recent.length === 0) this.failures.delete(key);
    return recent;
  }
}

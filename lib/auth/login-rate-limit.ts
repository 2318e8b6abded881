import { RateLimitError } from "../http/app-error";
import { FailureLimiter } from "./failure-limiter";

export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

export type LoginAttempt = { clientAddress: string; email: string };

/**
 * Failed sign-ins counted per client address (one machine trying many accounts) and per email
 * (many machines trying one account); either reaching the limit refuses the next attempt.
 */
export class LoginRateLimit {
  constructor(
    private readonly limiter = new FailureLimiter({ maxFailures: LOGIN_MAX_FAILURES, windowMs: LOGIN_WINDOW_MS }),
  ) {}

  assertAllowed(attempt: LoginAttempt): void {
    const waitMs = Math.max(...keysOf(attempt).map((key) => this.limiter.retryAfterMs(key)));
    if (waitMs <= 0) return;
    const seconds = Math.ceil(waitMs / 1000);
    throw new RateLimitError(`Too many failed sign-in attempts. Try again in ${describeWait(seconds)}.`, seconds);
  }

  recordFailure(attempt: LoginAttempt): void {
    for (const key of keysOf(attempt)) this.limiter.recordFailure(key);
  }

  // Only the account's count is cleared: signing in to one's own account must not reset the
  // count of an address that is guessing at others.
  recordSuccess(attempt: LoginAttempt): void {
    this.limiter.reset(`email:${attempt.email}`);
  }
}

function keysOf({ clientAddress, email }: LoginAttempt): string[] {
  return [`address:${clientAddress}`, `email:${email}`];
}

function describeWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

let shared: LoginRateLimit | undefined;

/** The process-wide limit that the login route uses. */
export function loginRateLimit(): LoginRateLimit {
  shared ??= new LoginRateLimit();
  return shared;
}

import { RateLimitError } from "../http/app-error";
import { counted } from "../http/counted";
import { FailureLimiter, type Clock } from "./failure-limiter";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** One address guessing at any accounts: refused past this many failures in the window. */
export const LOGIN_MAX_FAILURES_PER_ADDRESS = 30;
/** One address guessing at one account. */
export const LOGIN_MAX_FAILURES_PER_EMAIL_AND_ADDRESS = 10;
/** Failures of one account, from anywhere, before each next attempt must wait... */
export const LOGIN_FREE_FAILURES_PER_EMAIL = 5;
/** ...1 s, then 2 s, 4 s, and so on up to this. */
export const LOGIN_MAX_DELAY_MS = 60_000;

export type LoginAttempt = { clientAddress: string; email: string };

/**
 * Failed sign-ins counted per client address (one machine trying many accounts) and per email
 * and address (one machine trying one account); either past its limit refuses that address.
 * Many machines trying one account only slow it down: after a few failures each next attempt at
 * that email waits a growing delay (at most a minute), so strangers cannot lock its owner out.
 */
export class LoginRateLimit {
  private readonly byAddress: FailureLimiter;
  private readonly byEmailAndAddress: FailureLimiter;
  private readonly byEmail: FailureLimiter;

  constructor(private readonly now: Clock = Date.now) {
    const windowMs = LOGIN_WINDOW_MS;
    this.byAddress = new FailureLimiter({ maxFailures: LOGIN_MAX_FAILURES_PER_ADDRESS, windowMs, now });
    this.byEmailAndAddress = new FailureLimiter({ maxFailures: LOGIN_MAX_FAILURES_PER_EMAIL_AND_ADDRESS, windowMs, now });
    this.byEmail = new FailureLimiter({ maxFailures: LOGIN_FREE_FAILURES_PER_EMAIL + 16, windowMs, now });
  }

  assertAllowed(attempt: LoginAttempt): void {
    const waitMs = Math.max(
      this.byAddress.retryAfterMs(attempt.clientAddress),
      this.byEmailAndAddress.retryAfterMs(pairKey(attempt)),
      this.emailDelayMs(attempt.email),
    );
    if (waitMs <= 0) return;
    const seconds = Math.ceil(waitMs / 1000);
    throw new RateLimitError(`Too many failed sign-in attempts. Try again in ${describeWait(seconds)}.`, seconds);
  }

  recordFailure(attempt: LoginAttempt): void {
    this.byAddress.recordFailure(attempt.clientAddress);
    this.byEmailAndAddress.recordFailure(pairKey(attempt));
    this.byEmail.recordFailure(attempt.email);
  }

  // Only the account's counts are cleared: signing in to one's own account must not reset the
  // count of an address that is guessing at others.
  recordSuccess(attempt: LoginAttempt): void {
    this.byEmail.reset(attempt.email);
    this.byEmailAndAddress.reset(pairKey(attempt));
  }

  private emailDelayMs(email: string): number {
    const times = this.byEmail.failureTimes(email);
    const beyond = times.length - LOGIN_FREE_FAILURES_PER_EMAIL;
    if (beyond < 0) return 0;
    const delay = Math.min(1000 * 2 ** beyond, LOGIN_MAX_DELAY_MS);
    return times.at(-1)! + delay - this.now();
  }
}

const pairKey = ({ clientAddress, email }: LoginAttempt) => `${email}\u0000${clientAddress}`;

function describeWait(seconds: number): string {
  return seconds < 60 ? counted(seconds, "second") : counted(Math.ceil(seconds / 60), "minute");
}

let shared: LoginRateLimit | undefined;

/** The process-wide limit that the login route uses. */
export function loginRateLimit(): LoginRateLimit {
  shared ??= new LoginRateLimit();
  return shared;
}

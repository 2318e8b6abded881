import { getSettings } from "../config/settings";
import { RateLimitError } from "../http/app-error";
import { counted } from "../http/counted";
import { FailureLimiter, type Clock } from "./failure-limiter";

const HOUR_MS = 60 * 60 * 1000;

/** Accounts made per client address per hour: one machine cannot mint accounts by the thousand. */
export class SignUpRateLimit {
  private readonly limiter: FailureLimiter;

  constructor(maxPerHour: number, now?: Clock) {
    this.limiter = new FailureLimiter({ maxFailures: maxPerHour, windowMs: HOUR_MS, now });
  }

  assertAllowed(clientAddress: string): void {
    const waitMs = this.limiter.retryAfterMs(clientAddress);
    if (waitMs <= 0) return;
    const minutes = Math.ceil(waitMs / 60_000);
    throw new RateLimitError(
      `Too many accounts were made from your address. Try again in ${counted(minutes, "minute")}.`,
      Math.ceil(waitMs / 1000),
    );
  }

  recordSignUp(clientAddress: string): void {
    this.limiter.recordFailure(clientAddress);
  }
}

let shared: SignUpRateLimit | undefined;

export function signUpRateLimit(): SignUpRateLimit {
  shared ??= new SignUpRateLimit(getSettings().SIGNUP_MAX_PER_HOUR);
  return shared;
}

import { randomBytes } from "node:crypto";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { normaliseEmail } from "./account-fields";
import type { AuthUser } from "./auth-user";
import { hashPassword } from "./hash-password";
import { loginRateLimit, type LoginRateLimit } from "./login-rate-limit";
import { verifyPassword } from "./verify-password";

export type LogInOptions = { email: string; password: string; clientAddress: string };

let decoyHash: Promise<string> | undefined;

/** Checks an email and password; the same 401 whether the email is unknown or the password wrong. */
export async function logIn(
  { email, password, clientAddress }: LogInOptions,
  rateLimit: LoginRateLimit = loginRateLimit(),
): Promise<AuthUser> {
  const attempt = { clientAddress, email: normaliseEmail(email) };
  rateLimit.assertAllowed(attempt);

  const user = await getPrisma().user.findUnique({
    where: { email: attempt.email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  // An unknown email still costs one scrypt, so response time does not reveal who has an account.
  decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
  const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
  if (!user || !matches) {
    rateLimit.recordFailure(attempt);
    throw new AppError("unauthorized", "The email or password is not correct.");
  }

  rateLimit.recordSuccess(attempt);
  return { id: user.id, email: user.email, name: user.name };
}

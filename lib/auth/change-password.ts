import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { hashPassword } from "./hash-password";
import { loginRateLimit, type LoginRateLimit } from "./login-rate-limit";
import { verifyPassword } from "./verify-password";

export type ChangePasswordOptions = { userId: string; currentPassword: string; newPassword: string; clientAddress: string };

/**
 * Sets a new password once the current one is given, and signs every session out (their
 * cookies were made under the old session generation). A wrong current password counts as a
 * failed sign-in of that account from that address, so a stolen cookie cannot be used to guess
 * the password any faster than the sign-in page allows. API tokens are left as they are.
 */
export async function changePassword(
  { userId, currentPassword, newPassword, clientAddress }: ChangePasswordOptions,
  rateLimit: LoginRateLimit = loginRateLimit(),
): Promise<void> {
  const prisma = getPrisma();
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  const attempt = { email: user.email, clientAddress };
  rateLimit.assertAllowed(attempt);
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    rateLimit.recordFailure(attempt);
    throw new AppError("forbidden", "The current password is not correct.");
  }
  rateLimit.recordSuccess(attempt);

  const passwordHash = await hashPassword(newPassword);
  // Only if nobody changed it meanwhile: two changes racing cannot both pass the check above.
  const { count } = await prisma.user.updateMany({
    where: { id: userId, passwordHash: user.passwordHash },
    data: { passwordHash, sessionGeneration: { increment: 1 } },
  });
  if (count === 0) throw new AppError("conflict", "Your password was changed a moment ago, elsewhere. Sign in again with the new one.");
}

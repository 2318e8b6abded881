import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { normaliseEmail } from "../auth/account-fields";

/** The account an invitation names; sharing and teams add existing users only. */
export async function findUserByEmail(email: string): Promise<{ id: string; name: string; email: string }> {
  const user = await getPrisma().user.findUnique({
    where: { email: normaliseEmail(email) },
    select: { id: true, name: true, email: true },
  });
  if (!user) throw new AppError("not_found", "No Runnel account uses that email. Ask them to sign up first.");
  return user;
}

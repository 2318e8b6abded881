import { Prisma } from "@prisma/client";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { normaliseEmail } from "./account-fields";
import { AUTH_USER_SELECT, type AuthUser } from "./auth-user";
import { welcomeNotebook } from "../notebooks/welcome-notebook";
import { hashPassword } from "./hash-password";
import { signUpRateLimit, type SignUpRateLimit } from "./sign-up-rate-limit";

export type SignUpOptions = { email: string; password: string; name: string; clientAddress: string };

/** Creates an account, with the welcome notebook in it. Callers validate the fields (see account-fields.ts). */
export async function signUp({ email, password, name, clientAddress }: SignUpOptions, rateLimit: SignUpRateLimit = signUpRateLimit()): Promise<AuthUser> {
  rateLimit.assertAllowed(clientAddress);
  const passwordHash = await hashPassword(password);
  try {
    // One nested create: the account and its welcome notebook exist together or not at all.
    const user = await getPrisma().user.create({
      data: { email: normaliseEmail(email), name: name.trim(), passwordHash, notebooks: { create: welcomeNotebook() } },
      select: AUTH_USER_SELECT,
    });
    rateLimit.recordSignUp(clientAddress);
    return user;
  } catch (error) {
    // The unique index decides, not a look-up first: two sign-ups racing cannot both win.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "An account with this email already exists. Sign in instead.");
    }
    throw error;
  }
}

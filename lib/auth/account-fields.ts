import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./hash-password";

// Field schemas that the account routes compose into their request schemas.

/** Emails are compared trimmed and lower-cased: "Ada@Example.com " is ada@example.com. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z
  .string()
  .transform(normaliseEmail)
  .pipe(z.email("must be an email address").max(254, "must be at most 254 characters"));

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

// Sign-in does not re-apply the sign-up rules, only the bound on what gets hashed.
export const passwordSchema = z.string().min(1, "is required").max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

export const nameSchema = z.string().trim().min(1, "is required").max(100, "must be at most 100 characters");

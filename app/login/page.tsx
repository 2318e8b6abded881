import type { Metadata } from "next";
import { AuthForm } from "@/components/auth-form";
import { readSessionCookie } from "@/lib/auth/session-cookie";
import { AppError } from "@/lib/http/app-error";
import { pageRequest } from "../notebooks/require-user";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Log in · Runnel" };

export default async function LoginPage() {
  return <AuthForm mode="login" notice={await sessionCookieProblem()} />;
}

/** Why a signed-in browser was sent here anyway: its session cookie was refused (it carries two). */
async function sessionCookieProblem(): Promise<string | undefined> {
  try {
    readSessionCookie(await pageRequest());
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
}

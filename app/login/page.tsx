import type { Metadata } from "next";
import { AuthForm } from "@/components/auth-form";
import { readSessionCookie } from "@/lib/auth/session-cookie";
import { AppError } from "@/lib/http/app-error";
import { pageRequest } from "../notebooks/require-user";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Log in · Runnel" };

// `?next=` (a share link's path, say) is where signing in returns to.
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  return <AuthForm mode="login" next={typeof next === "string" ? next : undefined} notice={await sessionCookieProblem()} />;
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

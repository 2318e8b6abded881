import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { AuthUser } from "@/lib/auth/auth-user";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { AppError } from "@/lib/http/app-error";

/** This page request as a Request: getCurrentUser reads one, a page has only next/headers. */
export async function pageRequest(): Promise<Request> {
  return new Request("http://runnel.internal/", { headers: await headers() });
}

/**
 * The signed-in reader of this page, or null. A request getCurrentUser refuses (two session
 * cookies) counts as signed out here; the login page says why (sessionCookieProblem).
 */
export async function currentPageUser(): Promise<AuthUser | null> {
  try {
    return await getCurrentUser(await pageRequest());
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthorized") return null;
    throw error;
  }
}

/** The signed-in reader of this page, or a redirect to /login. */
export async function requireUser(): Promise<AuthUser> {
  const user = await currentPageUser();
  if (!user) redirect("/login");
  return user;
}

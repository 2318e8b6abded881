import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { AuthUser } from "@/lib/auth/auth-user";
import { getCurrentUser } from "@/lib/auth/get-current-user";

/** The signed-in reader of this page, or a redirect to /login. */
export async function requireUser(): Promise<AuthUser> {
  // getCurrentUser reads a Request's headers; a page has only next/headers, so build one.
  const user = await getCurrentUser(new Request("http://runnel.internal/", { headers: await headers() }));
  if (!user) redirect("/login");
  return user;
}

"use server";

import { cookies, headers } from "next/headers";
import { resolveShareLink } from "@/lib/sharing/share-links";
import { shareLinkCookieName } from "@/lib/sharing/share-link-token";

const THIRTY_DAYS = 30 * 24 * 60 * 60;

/**
 * Keeps a link's secret in an httpOnly cookie scoped to its notebook, so the page's own API calls
 * (session, run, outputs, the notebook's apps) carry it the way they carry the sign-in cookie, a
 * signed-out reader's too. Revoking the link still ends access at once: every request checks the
 * secret against the live links.
 */
export async function rememberShareLink(token: string): Promise<void> {
  const link = await resolveShareLink(token);
  if (!link) return;
  const https = (await headers()).get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
  (await cookies()).set(shareLinkCookieName(link.notebook.id), token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: THIRTY_DAYS,
    secure: https,
  });
}

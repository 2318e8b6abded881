import type { Metadata } from "next";
import { SiteHeader } from "@/components/site-header";
import { listApiTokens, type ApiTokenSummary } from "@/lib/auth/list-api-tokens";
import { requireUser } from "../notebooks/require-user";
import { SettingsPageClient } from "./page-client";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings · Runnel" };

/** The account's own page: password, sessions and API tokens. */
export default async function SettingsPage() {
  const user = await requireUser();
  const tokens = tokenRows(await listApiTokens(user.id));
  return (
    <>
      <SiteHeader user={user} />
      <main className="mx-auto max-w-4xl px-6 py-10">
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="mt-1 text-sm text-stone-600">{user.email}</p>
        <SettingsPageClient tokens={tokens} />
      </main>
    </>
  );
}

// Whether a token has expired is decided here, so the server's render and the browser's
// hydration agree.
function tokenRows(tokens: ApiTokenSummary[], now = new Date()) {
  return tokens.map((token) => ({
    id: token.id,
    name: token.name,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    expired: token.expiresAt !== null && token.expiresAt.getTime() <= now.getTime(),
  }));
}

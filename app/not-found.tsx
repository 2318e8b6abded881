import type { Metadata } from "next";
import Link from "next/link";
import { SignedOutHeader } from "@/components/signed-out-header";
import { SiteHeader } from "@/components/site-header";
import { currentPageUser } from "./notebooks/require-user";

export const metadata: Metadata = { title: "Not found · Runnel" };

/**
 * Every 404 page (a notebook one may not see answers 404, as the API does): a sentence that does
 * not tell a missing notebook from a private one, and the way back.
 */
export default async function NotFound() {
  const user = await currentPageUser();
  return (
    <>
      {user ? <SiteHeader user={user} /> : <SignedOutHeader />}
      <main data-testid="not-found" className="mx-auto max-w-xl px-6 py-16">
        <h1 className="text-2xl font-semibold tracking-tight">Nothing to see here</h1>
        <p className="mt-4 text-stone-700">
          This page does not exist, or it is not shared with you: a notebook its owner has not shared with you, or a share link that has been
          turned off, looks the same from here. If someone sent you this address, ask them to share it again.
        </p>
        <p className="mt-6">
          {user ? (
            <Link href="/notebooks" className="text-sky-700 underline">
              Your notebooks
            </Link>
          ) : (
            <>
              <Link href="/login" className="text-sky-700 underline">
                Sign in
              </Link>{" "}
              <span className="text-stone-600">if it was shared with your account.</span>
            </>
          )}
        </p>
      </main>
    </>
  );
}

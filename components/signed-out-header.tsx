import Link from "next/link";

/** The header of a page a signed-out reader may see (a share link, a page not found): the name, and Sign in. */
export function SignedOutHeader({ signInHref = "/login" }: { signInHref?: string }) {
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-4xl items-center justify-between px-6 py-3 text-sm">
        <Link href="/" className="font-semibold tracking-tight">
          Runnel
        </Link>
        <Link href={signInHref} className="text-sky-700 underline">
          Sign in
        </Link>
      </div>
    </header>
  );
}

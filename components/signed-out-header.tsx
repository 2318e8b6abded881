import Link from "next/link";
import { HeaderBar } from "./header-bar";

/** The header of a page a signed-out reader may see (a share link, a page not found): the name, and Sign in. */
export function SignedOutHeader({ signInHref = "/login" }: { signInHref?: string }) {
  return (
    <HeaderBar home="/">
      <Link href={signInHref} className="text-sm text-sky-700 underline">
        Sign in
      </Link>
    </HeaderBar>
  );
}

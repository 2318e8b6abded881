import Link from "next/link";
import type { AuthUser } from "@/lib/auth/auth-user";
import { LogoutButton } from "./logout-button";

export function SiteHeader({ user }: { user: AuthUser }) {
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-2 px-4 py-3 sm:px-6">
        <Link href="/notebooks" className="font-semibold tracking-tight">
          Runnel
        </Link>
        <div className="flex min-w-0 items-center gap-4 text-sm">
          <span data-testid="user-name" className="truncate text-stone-600">
            {user.name}
          </span>
          <Link href="/settings" className="text-stone-700 hover:underline">
            Settings
          </Link>
          <LogoutButton />
        </div>
      </div>
    </header>
  );
}

import Link from "next/link";
import type { AuthUser } from "@/lib/auth/auth-user";
import { LogoutButton } from "./logout-button";

export function SiteHeader({ user }: { user: AuthUser }) {
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-4xl items-center justify-between px-6 py-3">
        <Link href="/notebooks" className="font-semibold tracking-tight">
          Runnel
        </Link>
        <div className="flex items-center gap-4 text-sm">
          <span data-testid="user-name" className="text-stone-600">
            {user.name}
          </span>
          <LogoutButton />
        </div>
      </div>
    </header>
  );
}

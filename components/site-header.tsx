import Link from "next/link";
import type { AuthUser } from "@/lib/auth/auth-user";
import { HeaderBar } from "./header-bar";
import { LogoutButton } from "./logout-button";

export function SiteHeader({ user }: { user: AuthUser }) {
  return (
    <HeaderBar home="/notebooks">
      <div className="flex min-w-0 items-center gap-4 text-sm">
        <span data-testid="user-name" className="truncate text-stone-600">
          {user.name}
        </span>
        <Link href="/settings" className="text-stone-700 hover:underline">
          Settings
        </Link>
        <LogoutButton />
      </div>
    </HeaderBar>
  );
}

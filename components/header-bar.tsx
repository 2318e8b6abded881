import Link from "next/link";
import type { ReactNode } from "react";

/** The bar at the top of every page: the name, linking home, and what the page puts at the right. */
export function HeaderBar({ home, children }: { home: string; children: ReactNode }) {
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-2 px-4 py-3 sm:px-6">
        <Link href={home} className="font-semibold tracking-tight">
          Runnel
        </Link>
        {children}
      </div>
    </header>
  );
}

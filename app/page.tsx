import Link from "next/link";
import { HealthPanel } from "@/components/health-panel";
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const health = await checkHealth();
  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <h1 className="text-4xl font-semibold tracking-tight">Runnel</h1>
      <p className="mt-3 text-lg text-stone-600">
        Documentation that runs: write Markdown, and every <code className="rounded bg-stone-200 px-1">runnable</code>{" "}
        block gets a Run button that executes in a sandbox of its own.
      </p>
      <nav className="mt-6 flex gap-3">
        <Link href="/signup" className="rounded-md bg-stone-900 px-4 py-2 text-white hover:bg-stone-700">
          Sign up
        </Link>
        <Link href="/login" className="rounded-md border border-stone-300 px-4 py-2 hover:bg-stone-100">
          Log in
        </Link>
        <Link href="/notebooks" className="rounded-md px-4 py-2 text-stone-700 hover:underline">
          Your notebooks
        </Link>
      </nav>
      <HealthPanel health={health} />
    </main>
  );
}

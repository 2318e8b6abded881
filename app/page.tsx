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
      <HealthPanel health={health} />
    </main>
  );
}

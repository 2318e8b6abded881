import type { Health } from "@/lib/health/check-health";

type Row = { id: string; label: string; ok: boolean; detail: string };

function rows(health: Health): Row[] {
  const docker = health.docker;
  const db = health.db;
  return [
    {
      id: "docker",
      label: "Docker engine",
      ok: docker.ok,
      detail: docker.ok ? `version ${docker.version}` : (docker.error ?? "not reachable"),
    },
    {
      id: "db",
      label: "Database",
      ok: db.ok,
      detail: db.ok ? (db.kind === "pglite" ? "embedded PGlite" : "PostgreSQL") : (db.error ?? "not reachable"),
    },
    ...Object.entries(health.images).map(([name, image]) => ({
      id: `image-${name}`,
      label: `Image ${name}`,
      ok: image.ok,
      detail: image.ok ? image.tag : `${image.tag}: ${image.error ?? "missing"}`,
    })),
  ];
}

export function HealthPanel({ health }: { health: Health }) {
  const ready = health.status === "ok";
  return (
    <section aria-labelledby="health-title" className="mt-10 rounded-xl border border-stone-200 bg-white p-6 shadow-sm">
      <h2 id="health-title" className="flex items-center gap-3 text-lg font-medium">
        System status
        <span
          data-testid="health-status"
          className={`rounded-full px-2.5 py-0.5 text-sm ${ready ? "bg-emerald-100 text-emerald-800" : "bg-red-100 text-red-800"}`}
        >
          {ready ? "ready" : "unavailable"}
        </span>
      </h2>
      <ul className="mt-4 divide-y divide-stone-100">
        {rows(health).map((row) => (
          <li key={row.id} data-testid={`health-${row.id}`} className="flex items-baseline justify-between gap-4 py-2">
            <span className="font-medium">
              <span aria-hidden className={row.ok ? "text-emerald-600" : "text-red-600"}>
                {row.ok ? "●" : "○"}
              </span>{" "}
              {row.label}
            </span>
            <span className="truncate text-sm text-stone-600">{row.detail}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

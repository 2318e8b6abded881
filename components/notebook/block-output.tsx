import type { BlockRun } from "@/lib/client/run-store";
import { AnsiText } from "./ansi-text";

/** A block's output; `stale` says why it may no longer be what the block prints, and dims it. */
export function BlockOutput({ index, run, stale }: { index: number; run: BlockRun; stale?: string }) {
  return (
    <div data-stale={stale ? "true" : undefined} className="border-t border-stone-200 bg-stone-950 text-sm text-stone-100">
      {stale && (
        <p data-testid={`stale-${index}`} className="border-b border-stone-800 bg-amber-950 px-3 py-1.5 text-amber-200">
          {stale}
        </p>
      )}
      <div className={stale ? "opacity-50" : undefined}>
      <pre data-testid={`output-${index}`} className="max-h-96 min-h-8 overflow-auto p-3 whitespace-pre-wrap">
        {run.output.map((chunk, i) => (
          <span key={i} data-stream={chunk.stream} className={chunk.stream === "stderr" ? "text-red-400" : undefined}>
            <AnsiText text={chunk.data} />
          </span>
        ))}
      </pre>
      {run.artifacts.length > 0 && (
        <ul className="space-y-2 border-t border-stone-800 p-3">
          {run.artifacts.map((artifact) => (
            <li key={artifact.url}>
              {artifact.mime.startsWith("image/") ? (
                // eslint-disable-next-line @next/next/no-img-element -- artifacts are user output served by the API, not optimisable assets
                <img src={artifact.url} alt={artifact.name} className="max-w-full rounded bg-white" />
              ) : (
                <a href={artifact.url} className="text-sky-300 underline">
                  {artifact.name}
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
      {run.error && (
        <p role="alert" data-testid={`error-${index}`} className="border-t border-stone-800 px-3 py-1.5 text-red-300">
          {run.error}
        </p>
      )}
      {run.exit && (
        <div data-testid={`exit-${index}`} className="flex flex-wrap gap-x-4 border-t border-stone-800 px-3 py-1.5 text-xs text-stone-400">
          <span className={run.exit.exitCode === 0 ? "text-emerald-400" : "text-red-400"}>exit {run.exit.exitCode ?? "—"}</span>
          <span>{formatDuration(run.exit.durationMs)}</span>
          {run.exit.truncated && <span>output truncated</span>}
          {run.exit.message && <span className="text-amber-300">{run.exit.message}</span>}
        </div>
      )}
      </div>
    </div>
  );
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`;
}

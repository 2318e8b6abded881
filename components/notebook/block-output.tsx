import type { BlockRun } from "@/lib/client/run-store";
import { isStreamItem, type OutputItem, type StreamItem } from "@/lib/executions/output-item";
import { AnsiText } from "./ansi-text";
import { DisplayOutput } from "./display-output";
import { ExceptionOutput } from "./exception-output";
import { InputPrompt } from "./input-prompt";

type Segment = { kind: "streams"; chunks: StreamItem[] } | { kind: "rich"; item: Exclude<OutputItem, StreamItem> };

// Neighbouring stream chunks share one <pre>, so text reads (and selects) as one terminal.
function segmentsOf(items: OutputItem[]): Segment[] {
  const segments: Segment[] = [];
  for (const item of items) {
    const last = segments.at(-1);
    if (!isStreamItem(item)) segments.push({ kind: "rich", item });
    else if (last?.kind === "streams") last.chunks.push(item);
    else segments.push({ kind: "streams", chunks: [item] });
  }
  return segments;
}

/** A block's output; `stale` says why it may no longer be what the block prints, and dims it. */
export function BlockOutput({ index, runKey, run, stale }: { index: number; runKey: string; run: BlockRun; stale?: string }) {
  return (
    <div data-stale={stale ? "true" : undefined} className="border-t border-stone-200 bg-stone-950 text-sm text-stone-100">
      {stale && (
        <p data-testid={`stale-${index}`} className="border-b border-stone-800 bg-amber-950 px-3 py-1.5 text-amber-200">
          {stale}
        </p>
      )}
      <div className={stale ? "opacity-50" : undefined}>
      <div data-testid={`output-${index}`} className="max-h-[48rem] min-h-8 overflow-auto">
        {segmentsOf(run.output).map((segment, i) =>
          segment.kind === "streams" ? (
            <pre key={i} className="p-3 whitespace-pre-wrap">
              {segment.chunks.map((chunk, k) => (
                <span key={k} data-stream={chunk.stream} className={chunk.stream === "stderr" ? "text-red-400" : undefined}>
                  <AnsiText text={chunk.data} />
                </span>
              ))}
            </pre>
          ) : segment.item.type === "exception" ? (
            <ExceptionOutput key={i} item={segment.item} />
          ) : (
            <div key={i} data-display-id={segment.item.displayId ?? undefined} className="m-2 overflow-x-auto rounded bg-white p-1 text-stone-900">
              <DisplayOutput item={segment.item} />
            </div>
          ),
        )}
      </div>
      {run.inputRequest && run.executionId && run.status === "running" && (
        <InputPrompt index={index} runKey={runKey} executionId={run.executionId} request={run.inputRequest} />
      )}
      {run.kernelNotes?.map((note, i) => (
        <p key={i} data-testid={`kernel-note-${index}`} className="border-t border-stone-800 px-3 py-1.5 text-amber-300">
          {note}
        </p>
      ))}
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

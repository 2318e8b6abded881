import type { ServerCopy } from "@/lib/client/autosave";

type Props = { theirs: ServerCopy; mine: string; onReloadTheirs: () => void; onOverwriteWithMine: () => void };

/** A stale save: both versions side by side, and the author chooses. Nothing is overwritten silently. */
export function ConflictBanner({ theirs, mine, onReloadTheirs, onOverwriteWithMine }: Props) {
  return (
    <section role="alert" data-testid="conflict-banner" className="mt-4 rounded-lg border border-red-300 bg-red-50 p-4 text-sm">
      <p className="font-medium text-red-900">
        This notebook was changed elsewhere (it is at version {theirs.version} now), so your edits were not saved.
      </p>
      <div className="mt-3 grid gap-3 md:grid-cols-2">
        <figure>
          <figcaption className="mb-1 font-medium text-stone-700">Their version</figcaption>
          <pre data-testid="conflict-theirs" className="max-h-48 overflow-auto rounded border border-stone-200 bg-white p-2 text-xs whitespace-pre-wrap">
            {theirs.content}
          </pre>
        </figure>
        <figure>
          <figcaption className="mb-1 font-medium text-stone-700">Your version</figcaption>
          <pre data-testid="conflict-mine" className="max-h-48 overflow-auto rounded border border-stone-200 bg-white p-2 text-xs whitespace-pre-wrap">
            {mine}
          </pre>
        </figure>
      </div>
      <div className="mt-3 flex gap-3">
        <button type="button" onClick={onReloadTheirs} className="rounded-md border border-stone-300 bg-white px-3 py-1 hover:bg-stone-100">
          Reload theirs
        </button>
        <button type="button" onClick={onOverwriteWithMine} className="rounded-md bg-red-700 px-3 py-1 font-medium text-white hover:bg-red-600">
          Overwrite with mine
        </button>
      </div>
    </section>
  );
}

"use client";

import type { RunAllOutcome } from "@/lib/client/run-actions";

/**
 * What Run all ended with, when it did not run everything: cancelled, or stopped at a block that
 * failed, with a button to that block (the page shows no block numbers to count by).
 */
export function RunAllReport({ outcome }: { outcome: RunAllOutcome | null }) {
  if (!outcome || outcome.kind === "done") return null;
  const goTo = (index: number) => {
    const block = document.querySelector<HTMLElement>(`[data-block-index="${index}"]`);
    block?.scrollIntoView({ block: "center" });
    block?.focus({ preventScroll: true });
  };
  return (
    <p role="status" data-testid="run-all-report" className="mt-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900">
      {outcome.kind === "cancelled" ? (
        "Run all was cancelled."
      ) : (
        <>
          Run all stopped at a block that failed: {outcome.reason} The blocks after it did not run.{" "}
          <button type="button" onClick={() => goTo(outcome.index)} className="underline">
            Go to the block
          </button>
        </>
      )}
    </p>
  );
}

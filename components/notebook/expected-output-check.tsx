"use client";

import { useMemo } from "react";
import type { BlockRun } from "@/lib/client/run-store";
import { isStreamItem } from "@/lib/executions/output-item";
import { compareOutput } from "@/lib/notebook/compare-output";
import type { ExpectedOutput } from "@/lib/notebook/types";

/** After a run, one mark per expected output of the block: does what it printed match? */
export function ExpectedOutputCheck({ index, expected, run }: { index: number; expected: ExpectedOutput[]; run: BlockRun }) {
  const results = useMemo(() => {
    const printed = { stdout: "", stderr: "" };
    for (const item of run.output) if (isStreamItem(item)) printed[item.stream] += item.data;
    return expected.map((expectation) => ({ expectation, ...compareOutput(expectation, printed[expectation.stream]) }));
  }, [expected, run.output]);

  return (
    <ul className="border-t border-stone-200 text-sm">
      {results.map(({ expectation, matched, diff, message }, k) => (
        <li key={k} data-testid={`expected-${index}-${k}`} data-matched={matched} className="px-3 py-1.5">
          <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${matched ? "bg-emerald-100 text-emerald-800" : "bg-red-100 text-red-800"}`}>
            {matched ? "✓ matches" : "✗ differs"}
          </span>
          <span className="ml-2 text-stone-600">
            expected {expectation.stream}
            {expectation.match === "exact" ? "" : ` (${expectation.match})`}
          </span>
          {message && <span className="ml-2 text-stone-700">{message}</span>}
          {diff && (
            <pre data-testid={`expected-diff-${index}-${k}`} className="mt-1 overflow-x-auto rounded bg-stone-100 p-2 text-xs">
              {diff.split("\n").map((line, i) => (
                <span key={i} className={line.startsWith("+") ? "text-emerald-700" : line.startsWith("-") ? "text-red-700" : undefined}>
                  {line}
                  {"\n"}
                </span>
              ))}
            </pre>
          )}
        </li>
      ))}
    </ul>
  );
}

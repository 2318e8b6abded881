import { createTwoFilesPatch } from "diff";
import type { ExpectedOutput } from "./types";

export type OutputComparison = {
  matched: boolean;
  /** A unified diff from the expected text to what was printed, when they differ. */
  diff?: string;
  /** Why the comparison could not be made or what it looked for. */
  message?: string;
};

/** Trailing whitespace never counts: on each line, and blank lines at the end. */
export function normaliseOutput(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n+$/, "");
}

/** Compares what a block printed on one stream with its expected output. */
export function compareOutput(expected: ExpectedOutput, printed: string): OutputComparison {
  if (expected.error) return { matched: false, message: expected.error };
  const want = normaliseOutput(expected.text);
  const got = normaliseOutput(printed);
  if (expected.match === "exact") return want === got ? { matched: true } : { matched: false, diff: unifiedDiff(want, got) };
  if (expected.match === "contains") {
    if (got.includes(want)) return { matched: true };
    return { matched: false, message: `The ${expected.stream} does not contain the expected text.`, diff: unifiedDiff(want, got) };
  }
  let pattern: RegExp;
  try {
    pattern = new RegExp(want, "m");
  } catch {
    return { matched: false, message: "The expected output's regular expression is not valid." };
  }
  if (pattern.test(got)) return { matched: true };
  return { matched: false, message: `The ${expected.stream} does not match /${want}/m.`, diff: unifiedDiff(want, got) };
}

function unifiedDiff(want: string, got: string): string {
  const patch = createTwoFilesPatch("expected", "actual", `${want}\n`, `${got}\n`, undefined, undefined, { context: 3 });
  // Drop the "Index:"/"====" preamble some versions add; keep from the --- line on.
  return patch.slice(Math.max(0, patch.indexOf("--- "))).trimEnd();
}

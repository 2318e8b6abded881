import { normaliseOutput } from "../../lib/notebook/compare-output";
import { parseNotebook } from "../../lib/notebook/parse-notebook";
import type { ExpectedOutput } from "../../lib/notebook/types";
import type { BlockResult } from "./block-result";

/**
 * The notebook with each exact expected output that differed rewritten to what the block
 * printed. `contains` and `regex` expectations are patterns a person wrote; they stay as they are.
 */
export function updateExpected(content: string, results: BlockResult[]): { content: string; updated: number } {
  const printed = new Map(results.filter((result) => result.status !== "skipped").map((result) => [result.index, result]));
  const edits: Array<{ expected: ExpectedOutput; text: string }> = [];
  for (const block of parseNotebook(content)) {
    const result = printed.get(block.index);
    if (!result) continue;
    for (const expected of block.expected ?? []) {
      const text = normaliseOutput(result[expected.stream]);
      if (expected.match === "exact" && !expected.error && expected.position && normaliseOutput(expected.text) !== text) {
        edits.push({ expected, text });
      }
    }
  }
  const lines = content.split("\n");
  for (const { expected, text } of edits.sort((a, b) => b.expected.position!.startLine - a.expected.position!.startLine)) {
    const { startLine, endLine } = expected.position!;
    lines.splice(startLine - 1, endLine - startLine + 1, ...fence(lines[startLine - 1] ?? "```output", text));
  }
  return { content: lines.join("\n"), updated: edits.length };
}

// The opening line keeps its indent and info string; the fence grows if the text holds one.
function fence(openingLine: string, text: string): string[] {
  const [, indent = "", marks = "```", info = ""] = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(openingLine.replace(/\r$/, "")) ?? [];
  const char = marks[0] ?? "`";
  const longestInside = Math.max(0, ...[...text.matchAll(new RegExp(`^\\s*(\\${char}{3,})`, "gm"))].map((m) => m[1]!.length));
  const fenceMarks = char.repeat(Math.max(marks.length, longestInside + 1));
  const body = text === "" ? [] : text.split("\n").map((line) => (line ? indent + line : line));
  return [`${indent}${fenceMarks}${info}`, ...body, `${indent}${fenceMarks}`];
}

import type { NotebookResult } from "../run/block-result";

/** The JSON report: every notebook's blocks with their status, output and comparisons. */
export function jsonReport(notebooks: NotebookResult[]): string {
  return `${JSON.stringify({ ok: notebooks.every((notebook) => notebook.ok), notebooks }, null, 2)}\n`;
}

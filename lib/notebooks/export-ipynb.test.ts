import { describe, expect, it } from "vitest";
import { readOutputItems } from "../executions/output-item";
import { exportIpynb } from "./export-ipynb";
import { ipynbToMarkdown, parseIpynb } from "./import-ipynb";

const roundTrip = (content: string) => ipynbToMarkdown(parseIpynb(exportIpynb(content)), true).content;

describe("Markdown ↔ ipynb", () => {
  it("keeps a notebook of prose, runnable blocks and expected outputs the same through export and import", () => {
    const content = "# Title\n\nProse.\n\n```runnable python\nprint(1)\n```\n\n```output\n1\n```\n\nMore prose.\n\n```runnable bash\necho x >&2\n```\n\n```output stderr\nx\n```\n";
    expect(roundTrip(content)).toBe(content);
  });

  it("keeps each block's own runtime in a mixed-language notebook", () => {
    const content = "```runnable python\nprint(1)\n```\n\n```runnable node\nconsole.log(2)\n```\n";
    expect(roundTrip(content)).toBe(content);
  });

  it("fences code that holds a fence with a longer one", () => {
    const content = "````runnable bash\ncat <<'EOF'\n```\nEOF\n````\n";
    expect(roundTrip(content)).toBe(content);
  });

  it("keeps file blocks inside the Markdown cells around them", () => {
    const ipynb = exportIpynb("```file text a.txt\nhi\n```\n\n```runnable bash\ncat a.txt\n```\n") as { cells: Array<{ cell_type: string; source: string[] }> };
    expect(ipynb.cells.map((cell) => [cell.cell_type, cell.source.join("")])).toEqual([
      ["markdown", "```file text a.txt\nhi\n```"],
      ["code", "cat a.txt"],
    ]);
  });

  it("writes a last run's result as execute_result, other displays as display_data, and drops what is not a bundle value", () => {
    const items = readOutputItems([
      { type: "display", displayId: null, data: { "text/plain": "42" }, metadata: {}, executionCount: 3 },
      { type: "display", displayId: "d", data: { "text/html": "<b>a</b>\n<i>b</i>", "application/json": { k: 1 }, "image/png": 7 }, metadata: {} },
      { type: "display", displayId: null, data: { "text/plain": "x" }, metadata: {}, executionCount: -1 },
    ]);
    const ipynb = exportIpynb("```runnable python\n40 + 2\n```\n", () => ({ items, truncated: false })) as { cells: Array<{ outputs: unknown[] }> };
    expect(ipynb.cells[0]!.outputs).toEqual([
      { output_type: "execute_result", execution_count: 3, data: { "text/plain": ["42"] }, metadata: {} },
      { output_type: "display_data", data: { "text/html": ["<b>a</b>\n", "<i>b</i>"], "application/json": { k: 1 } }, metadata: {} },
      // A count that is not one is not believed: the item is a plain display.
      { output_type: "display_data", data: { "text/plain": ["x"] }, metadata: {} },
    ]);
  });
});

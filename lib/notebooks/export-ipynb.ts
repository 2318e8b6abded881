import { parseNotebook } from "../notebook/parse-notebook";
import type { NotebookBlock, Runtime } from "../notebook/types";

// Jupyter kernels for Runnel's runtimes; Go has no common kernel, so its cells say "go".
const KERNELS: Record<Runtime, { name: string; display_name: string; language: string }> = {
  python: { name: "python3", display_name: "Python 3", language: "python" },
  r: { name: "ir", display_name: "R", language: "R" },
  bash: { name: "bash", display_name: "Bash", language: "bash" },
  node: { name: "javascript", display_name: "JavaScript (Node.js)", language: "javascript" },
  go: { name: "gophernotes", display_name: "Go", language: "go" },
};

type Cell =
  | { cell_type: "markdown"; id: string; metadata: Record<string, unknown>; source: string[] }
  | {
      cell_type: "code";
      id: string;
      metadata: Record<string, unknown>;
      source: string[];
      execution_count: null;
      outputs: Array<{ output_type: "stream"; name: "stdout" | "stderr"; text: string[] }>;
    };

type StreamOutput = { stream: "stdout" | "stderr"; text: string };

/**
 * The notebook as nbformat 4.5: each runnable block a code cell, everything between them
 * Markdown cells, file and webapp blocks included as written. A cell's outputs are its block's
 * expected outputs, or, when `lastRun` is given, what that block printed when it last ran
 * (none for a block that has not run).
 */
export function exportIpynb(content: string, lastRun?: (block: NotebookBlock) => StreamOutput[]): object {
  const lines = content.replace(/\r\n?/g, "\n").split("\n");
  const runnable = parseNotebook(content).filter((block) => block.kind === "runnable" && block.position);
  const cells: Cell[] = [];
  let next = 0; // the first line (0-based) not yet in a cell
  const markdownUpTo = (end: number) => {
    const text = lines.slice(next, end).join("\n").trim();
    if (text) cells.push({ cell_type: "markdown", id: cellId(cells.length), metadata: {}, source: sourceLines(text) });
  };
  for (const block of runnable) {
    const { startLine } = block.position!;
    markdownUpTo(startLine - 1);
    cells.push(codeCell(block, cells.length, lastRun ? lastRun(block) : expectedOutputs(block)));
    next = Math.max(block.position!.endLine, ...(block.expected ?? []).map((e) => e.position?.endLine ?? 0));
  }
  markdownUpTo(lines.length);
  const language = runnable.find((block) => block.runtime)?.runtime ?? "python";
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: KERNELS[language], language_info: { name: KERNELS[language].language } },
    cells,
  };
}

function expectedOutputs(block: NotebookBlock): StreamOutput[] {
  return (block.expected ?? []).map((expected) => ({ stream: expected.stream, text: expected.text === "" ? "" : `${expected.text}\n` }));
}

function codeCell(block: NotebookBlock, position: number, outputs: StreamOutput[]): Cell {
  const metadata: Record<string, unknown> = {};
  if (Object.keys(block.attrs).length > 0) metadata.runnel = { attrs: block.attrs };
  if (block.runtime) metadata.runnel = { ...(metadata.runnel as object), runtime: block.runtime };
  return {
    cell_type: "code",
    id: cellId(position),
    metadata,
    source: sourceLines(block.code),
    execution_count: null,
    outputs: outputs.map((output) => ({ output_type: "stream", name: output.stream, text: sourceLines(output.text) })),
  };
}

// nbformat 4.5 cell ids: 1–64 characters of letters, digits, "-" and "_".
function cellId(position: number): string {
  return `cell-${position}`;
}

/** Jupyter's own layout of multiline text: one string per line, each keeping its "\n". */
function sourceLines(text: string): string[] {
  return text === "" ? [] : text.split(/(?<=\n)/);
}

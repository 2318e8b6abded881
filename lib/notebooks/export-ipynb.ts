import type { OutputItem } from "../executions/output-item";
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

/** nbformat 4.5's outputs (Runnel's stored items carry no execute_result apart from display_data: see outputOf). */
type Output =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string[] }
  | { output_type: "display_data"; data: Record<string, unknown>; metadata: Record<string, unknown> }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

type Cell =
  | { cell_type: "markdown"; id: string; metadata: Record<string, unknown>; source: string[] }
  | { cell_type: "code"; id: string; metadata: Record<string, unknown>; source: string[]; execution_count: null; outputs: Output[] };

/** A block's last run as stored (already capped, display updates and clears applied), and whether the cap cut it. */
export type LastRun = { items: OutputItem[]; truncated: boolean };

/**
 * The notebook as nbformat 4.5: each runnable block a code cell, everything between them
 * Markdown cells, file and webapp blocks included as written. A cell's outputs are its block's
 * expected outputs, or, when `lastRun` is given, what that block showed when it last ran (none
 * for a block that has not run): its streams, rich displays with their MIME bundles, and errors.
 */
export function exportIpynb(content: string, lastRun?: (block: NotebookBlock) => LastRun | undefined): object {
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
    cells.push(codeCell(block, cells.length, lastRun ? runOutputs(lastRun(block)) : expectedOutputs(block)));
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

function expectedOutputs(block: NotebookBlock): Output[] {
  return (block.expected ?? []).map((expected) => streamOutput(expected.stream, expected.text === "" ? "" : `${expected.text}\n`));
}

const TRUNCATED_NOTE = "[runnel] The output stopped here: the run printed more than the output cap (EXEC_OUTPUT_MAX_BYTES).\n";

function runOutputs(run: LastRun | undefined): Output[] {
  if (!run) return [];
  const outputs = run.items.flatMap(outputOf);
  if (run.truncated) outputs.push(streamOutput("stderr", TRUNCATED_NOTE));
  return outputs;
}

/**
 * One stored item as nbformat has it. A kernel's execute_result reaches storage as a display
 * (the agent sends both as `display`, without the execution count an execute_result must carry),
 * so it is written as display_data, which every front end draws the same way.
 */
function outputOf(item: OutputItem): Output[] {
  if ("stream" in item) return [streamOutput(item.stream, item.data)];
  if (item.type === "exception") return [{ output_type: "error", ename: item.ename, evalue: item.evalue, traceback: item.traceback }];
  const data = mimeBundle(item.data);
  return Object.keys(data).length === 0 ? [] : [{ output_type: "display_data", data, metadata: item.metadata }];
}

const JSON_MIME = /^application\/(.*\+)?json$/;

/**
 * The bundle as nbformat's schema takes it: JSON types as they are, every other type a multiline
 * string (text types split into lines, as Jupyter writes them; base64 images kept whole). The
 * bundle came out of a sandbox: a value of the wrong shape is left out, not written.
 */
function mimeBundle(bundle: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [mime, value] of Object.entries(bundle)) {
    if (JSON_MIME.test(mime)) data[mime] = value;
    else if (typeof value === "string") data[mime] = mime.startsWith("text/") || mime === "image/svg+xml" ? sourceLines(value) : value;
  }
  return data;
}

function streamOutput(name: "stdout" | "stderr", text: string): Output {
  return { output_type: "stream", name, text: sourceLines(text) };
}

function codeCell(block: NotebookBlock, position: number, outputs: Output[]): Cell {
  const metadata: Record<string, unknown> = {};
  if (Object.keys(block.attrs).length > 0) metadata.runnel = { attrs: block.attrs };
  if (block.runtime) metadata.runnel = { ...(metadata.runnel as object), runtime: block.runtime };
  return {
    cell_type: "code",
    id: cellId(position),
    metadata,
    source: sourceLines(block.code),
    execution_count: null,
    outputs,
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

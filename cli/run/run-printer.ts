import type { NotebookBlock } from "../../lib/notebook/types";
import { terminalText } from "../terminal-text";
import { blockIdOf } from "./block-id";
import { blockName, type BlockResult, type NotebookResult } from "./block-result";
import type { RunListener } from "./run-notebook";

export type Styles = { colour: boolean };

const paint = (styles: Styles, code: string, text: string) => (styles.colour ? `\x1b[${code}m${text}\x1b[0m` : text);

/** Streams a notebook's run to the terminal: a progress line per block, output as it comes, verdicts and diffs. */
export function runPrinter(file: string, styles: Styles, out: NodeJS.WritableStream, err: NodeJS.WritableStream): RunListener {
  let atLineStart = true;
  const write = (stream: NodeJS.WritableStream, text: string) => {
    if (!text) return;
    stream.write(text);
    atLineStart = text.endsWith("\n");
  };
  const line = (text: string) => {
    if (!atLineStart) write(out, "\n");
    write(out, `${text}\n`);
  };
  return {
    blockStarted(block: NotebookBlock, position: number, total: number, elapsedMs: number) {
      line(paint(styles, "2", `── ${file} · block ${position} of ${total} · ${blockName({ index: block.index, id: blockIdOf(block), runtime: block.runtime })} · ${(elapsedMs / 1000).toFixed(1)}s`));
    },
    output(stream, data) {
      write(stream === "stderr" ? err : out, terminalText(data, styles.colour));
    },
    blockFinished(result: BlockResult) {
      if (result.status === "passed") {
        const checked = result.expectations.length > 0 ? `, ${result.expectations.length} expected output(s) match` : "";
        line(paint(styles, "32", `✓ ${blockName(result)} passed (${result.durationMs} ms${checked})`));
        return;
      }
      line(paint(styles, "31", `✗ ${blockName(result)} failed: ${result.failure ?? "failed"}`));
      for (const expectation of result.expectations.filter((e) => !e.matched)) {
        if (expectation.message) line(`  ${expectation.message}`);
        if (expectation.diff) line(colourDiff(terminalText(expectation.diff, false), styles));
      }
    },
  };
}

export function printSummary(results: NotebookResult[], styles: Styles, out: NodeJS.WritableStream): void {
  for (const result of results) {
    const blocks = result.blocks;
    const failed = blocks.filter((b) => b.status === "failed").length;
    const skipped = blocks.filter((b) => b.status === "skipped").length;
    const verdict = result.ok ? paint(styles, "32", "PASS") : paint(styles, "31", "FAIL");
    const detail = `${blocks.length - failed - skipped} passed, ${failed} failed, ${skipped} skipped`;
    out.write(`${verdict} ${result.file} (${detail}, ${(result.durationMs / 1000).toFixed(1)}s)${result.error ? `: ${result.error}` : ""}\n`);
  }
}

function colourDiff(diff: string, styles: Styles): string {
  if (!styles.colour) return diff;
  return diff
    .split("\n")
    .map((row) => (row.startsWith("+") ? paint(styles, "32", row) : row.startsWith("-") ? paint(styles, "31", row) : row))
    .join("\n");
}

import { blockName, type BlockResult, type NotebookResult } from "../run/block-result";

// XML 1.0 cannot hold most control characters, even escaped; a block may print anything.
const NOT_XML = /[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

function xml(text: string): string {
  return text
    .replace(NOT_XML, "\ufffd")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** A JUnit XML report: one test suite per notebook, one test case per runnable block. */
export function junitReport(notebooks: NotebookResult[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = notebooks.flatMap((notebook) => notebook.blocks);
  lines.push(
    `<testsuites name="runnel" tests="${all.length}" failures="${count(all, "failed")}" skipped="${count(all, "skipped")}" time="${seconds(sum(notebooks))}">`,
  );
  for (const notebook of notebooks) {
    lines.push(
      `  <testsuite name="${xml(notebook.file)}" tests="${notebook.blocks.length}" failures="${count(notebook.blocks, "failed")}" errors="${notebook.error ? 1 : 0}" skipped="${count(notebook.blocks, "skipped")}" time="${seconds(notebook.durationMs)}">`,
    );
    if (notebook.error) lines.push(`    <system-err>${xml(notebook.error)}</system-err>`);
    for (const block of notebook.blocks) lines.push(...testCase(notebook.file, block));
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>", "");
  return lines.join("\n");
}

function testCase(file: string, block: BlockResult): string[] {
  const open = `    <testcase classname="${xml(file)}" name="${xml(blockName(block))}" time="${seconds(block.durationMs)}"`;
  if (block.status === "passed") return [`${open}/>`];
  if (block.status === "skipped") return [`${open}>`, `      <skipped message="an earlier block failed"/>`, "    </testcase>"];
  const details = [
    ...block.expectations.filter((e) => !e.matched).flatMap((e) => [e.message ?? `The ${e.stream} differs.`, e.diff ?? ""]),
    block.stdout && `stdout:\n${block.stdout}`,
    block.stderr && `stderr:\n${block.stderr}`,
  ].filter(Boolean);
  return [
    `${open}>`,
    `      <failure message="${xml(block.failure ?? "failed")}">${xml(details.join("\n"))}</failure>`,
    "    </testcase>",
  ];
}

function count(blocks: BlockResult[], status: BlockResult["status"]): number {
  return blocks.filter((block) => block.status === status).length;
}

function sum(notebooks: NotebookResult[]): number {
  return notebooks.reduce((total, notebook) => total + notebook.durationMs, 0);
}

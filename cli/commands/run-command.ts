import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { apiClient, type ServerOptions } from "../api-client";
import { notebookFiles } from "../notebook-files";
import { jsonReport } from "../report/json-report";
import { junitReport } from "../report/junit-report";
import type { NotebookResult } from "../run/block-result";
import { printSummary, runPrinter } from "../run/run-printer";
import { runNotebook } from "../run/run-notebook";
import { updateExpected } from "../run/update-expected";
import { pushNotebook } from "./push-command";

export type RunOptions = ServerOptions & { junit?: string; json?: string; bail?: boolean; update?: boolean; save?: boolean; colour: boolean };

/** `runnel run`: 0 when every block of every notebook exited 0 and matched its expected outputs, else 1. */
export async function runCommand(paths: string[], options: RunOptions): Promise<number> {
  const client = apiClient(options);
  const files = await notebookFiles(paths);
  // A bad token or an unreachable server fails the whole command (2), not each notebook.
  await client.request("/api/auth/me");
  const results: NotebookResult[] = [];
  const styles = { colour: options.colour };
  for (const file of files) {
    if (options.save) await pushNotebook(client, file);
    const content = await readFile(file, "utf8");
    const result = await runNotebook(client, file, content, runPrinter(file, styles, process.stdout, process.stderr));
    results.push(result);
    if (options.update) {
      const updated = updateExpected(content, result.blocks);
      if (updated.updated > 0) {
        await writeFile(file, updated.content);
        process.stdout.write(`Updated ${updated.updated} expected output(s) in ${basename(file)}.\n`);
        // An expectation rewritten to what was printed now holds; the block passes if it exited 0.
        markUpdated(result);
      }
    }
    if (!result.ok && options.bail) break;
  }
  process.stdout.write("\n");
  printSummary(results, styles, process.stdout);
  if (options.junit) await writeFile(options.junit, junitReport(results));
  if (options.json) await writeFile(options.json, jsonReport(results));
  return results.length === files.length && results.every((result) => result.ok) ? 0 : 1;
}

function markUpdated(result: NotebookResult): void {
  for (const block of result.blocks) {
    if (block.status !== "failed" || block.exitCode !== 0) continue;
    block.expectations = block.expectations.map((e) => (e.match === "exact" && !e.message ? { stream: e.stream, match: e.match, matched: true } : e));
    if (block.expectations.every((e) => e.matched)) {
      block.status = "passed";
      delete block.failure;
    }
  }
  result.ok = !result.error && result.blocks.every((block) => block.status === "passed");
}

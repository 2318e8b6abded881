import { compareOutput } from "../../lib/notebook/compare-output";
import { parseNotebook } from "../../lib/notebook/parse-notebook";
import type { NotebookBlock } from "../../lib/notebook/types";
import type { ApiClient } from "../api-client";
import { CliError } from "../cli-error";
import { blockIdOf } from "./block-id";
import type { BlockResult, NotebookResult } from "./block-result";
import { readNdjson } from "./read-ndjson";

// Kept per stream for the comparison and the report; the server caps a block's output anyway.
const KEPT_CHARS = 1024 ** 2;

export type RunListener = {
  blockStarted(block: NotebookBlock, position: number, total: number, elapsedMs: number): void;
  output(stream: "stdout" | "stderr", data: string): void;
  blockFinished(result: BlockResult): void;
};

/** Runs a notebook's text through the server (nothing stored) and checks each block's expected outputs. */
export async function runNotebook(client: ApiClient, file: string, content: string, listener: RunListener): Promise<NotebookResult> {
  const started = Date.now();
  const runnable = parseNotebook(content).filter((block) => block.kind === "runnable");
  const results: BlockResult[] = [];
  let ended = false;
  let error: string | undefined;
  try {
    const response = await client.request("/api/notebooks/run", { method: "POST", body: { content, stopOnFailure: true } });
    if (!response.body) throw new CliError("The server sent no stream.");
    let current: BlockResult | undefined;
    let block: NotebookBlock | undefined;
    const finish = () => {
      if (!current || !block) return;
      settle(current, block);
      results.push(current);
      listener.blockFinished(current);
      current = undefined;
    };
    for await (const event of readNdjson(response.body)) {
      if (event.type === "start") {
        finish();
        block = runnable.find((candidate) => candidate.index === event.blockIndex);
        if (!block) throw new CliError(`The server ran block ${String(event.blockIndex)}, which this notebook does not have.`);
        current = emptyResult(block);
        listener.blockStarted(block, runnable.indexOf(block) + 1, runnable.length, Date.now() - started);
      } else if (event.type === "output" && current && typeof event.data === "string") {
        const stream = event.stream === "stderr" ? "stderr" : "stdout";
        if (current[stream].length < KEPT_CHARS) current[stream] += event.data.slice(0, KEPT_CHARS - current[stream].length);
        listener.output(stream, event.data);
      } else if (event.type === "exit" && current) {
        current.exitCode = typeof event.exitCode === "number" ? event.exitCode : null;
        current.durationMs = typeof event.durationMs === "number" ? event.durationMs : 0;
        if (typeof event.message === "string") current.failure = event.message;
      } else if (event.type === "error" && current) {
        current.failure = typeof event.message === "string" ? event.message : "The block could not be run.";
      } else if (event.type === "end") {
        finish();
        ended = true;
      }
    }
    finish();
    if (!ended) error = "The server's stream ended before the notebook finished.";
  } catch (caught) {
    if (!(caught instanceof CliError)) throw caught;
    error = caught.message;
  }
  for (const block of runnable.slice(results.length)) results.push({ ...emptyResult(block), status: "skipped" });
  const ok = !error && results.every((result) => result.status === "passed");
  return { file, ok, durationMs: Date.now() - started, blocks: results, ...(error ? { error } : {}) };
}

function emptyResult(block: NotebookBlock): BlockResult {
  return {
    index: block.index,
    ...(blockIdOf(block) ? { id: blockIdOf(block) } : {}),
    ...(block.runtime ? { runtime: block.runtime } : {}),
    status: "failed",
    exitCode: null,
    durationMs: 0,
    stdout: "",
    stderr: "",
    expectations: [],
  };
}

function settle(result: BlockResult, block: NotebookBlock): void {
  result.expectations = (block.expected ?? []).map((expected) => ({
    stream: expected.stream,
    match: expected.match,
    ...compareOutput(expected, result[expected.stream]),
  }));
  if (result.exitCode !== 0) result.failure ??= result.exitCode === null ? "The block did not finish." : `The block exited with ${result.exitCode}.`;
  else if (result.expectations.some((expectation) => !expectation.matched)) result.failure = "The output differs from the expected output.";
  result.status = result.exitCode === 0 && !result.failure ? "passed" : "failed";
}

import { describe, expect, it } from "vitest";
import { pageHasRun, restoredRun, type StoredExecution } from "./restored-run";

const base: StoredExecution = {
  id: "ex-1",
  blockId: "a",
  blockIndex: 2,
  status: "succeeded",
  exitCode: 0,
  output: [
    { stream: "stdout", data: "one\n" },
    { stream: "stderr", data: "warn\n" },
  ],
  truncated: false,
  artifacts: [{ name: "plot 1.png", mime: "image/png", bytes: 10 }],
  startedAt: "2026-11-23T20:00:00.000Z",
  finishedAt: "2026-11-23T20:00:01.250Z",
};

describe("restoredRun", () => {
  it("draws a stored execution as a finished run with its output, artifacts, exit code and duration", () => {
    expect(restoredRun(base, -3)).toEqual({
      status: "finished",
      order: -3,
      finishedAt: "2026-11-23T20:00:01.250Z",
      executionId: "ex-1",
      output: base.output,
      artifacts: [{ name: "plot 1.png", mime: "image/png", url: "/api/executions/ex-1/artifacts/plot%201.png" }],
      exit: { exitCode: 0, durationMs: 1250, truncated: false, message: undefined },
    });
  });

  it("shows the run's own duration as the live run did (the sandbox's figure), not the row's start-to-finish", () => {
    expect(restoredRun({ ...base, durationMs: 3 }).exit?.durationMs).toBe(3);
    expect(restoredRun({ ...base, durationMs: null }).exit?.durationMs).toBe(1250);
  });

  it("says in words why a block was stopped", () => {
    expect(restoredRun({ ...base, status: "cancelled", exitCode: 137 }).exit?.message).toBe("The block was cancelled.");
    expect(restoredRun({ ...base, status: "out_of_memory", exitCode: 137 }).exit?.message).toMatch(/out of memory/);
    expect(restoredRun({ ...base, status: "timed_out", exitCode: 143 }).exit?.message).toMatch(/time limit/);
  });

  it("marks a run that had not finished and one that never started, without an exit line", () => {
    const unfinished = restoredRun({ ...base, status: "running", exitCode: null, finishedAt: null });
    expect(unfinished).toMatchObject({ error: "This run had not finished when the page was loaded." });
    expect(unfinished.exit).toBeUndefined();
    expect(restoredRun({ ...base, status: "error", exitCode: null })).toMatchObject({ error: "The block could not be run." });
  });

  it("keeps only well-formed chunks and artifacts", () => {
    const run = restoredRun({ ...base, output: [{ stream: "stdin", data: "x" }, "junk", { stream: "stdout", data: "ok" }], artifacts: {} });
    expect(run.output).toEqual([{ stream: "stdout", data: "ok" }]);
    expect(run.artifacts).toEqual([]);
  });
  it("says a run in flight when Runnel stopped was interrupted, keeping what it printed", () => {
    const run = restoredRun({ ...base, status: "interrupted", exitCode: null });
    expect(run.error).toMatch(/Runnel restarted while this block ran/);
    expect(run.exit).toBeUndefined();
    expect(run.output).toEqual(base.output);
  });
});

describe("pageHasRun", () => {
  const finished = { status: "finished" as const, output: [], artifacts: [] };

  it("holds for a run in flight in the page, running or queued in a chain it streams", () => {
    expect(pageHasRun({ ...finished, status: "running", order: 1 })).toBe(true);
    // A queued block carries no order: the chain the page started names it before its run starts.
    expect(pageHasRun({ ...finished, status: "queued" })).toBe(true);
  });

  it("holds for a run the page started and finished, not for a stored, published or absent one", () => {
    expect(pageHasRun({ ...finished, order: 2 })).toBe(true);
    expect(pageHasRun({ ...finished, order: -1 })).toBe(false);
    expect(pageHasRun({ ...finished, published: { by: "Ada", at: "2026-11-23T20:00:00.000Z" } })).toBe(false);
    expect(pageHasRun(undefined)).toBe(false);
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { applyOutputEvent, EMPTY_OUTPUT, type OutputEvent } from "@/lib/executions/apply-output-event";
import type { StreamEvent } from "@/lib/executions/stream-events";
import { useRunStore } from "./run-store";

const store = () => useRunStore.getState();

describe("useRunStore", () => {
  beforeEach(() => store().reset("nb-1"));

  it("queues a block a chain names, keeping its last output until its own run starts, and gives it back if it never does", () => {
    store().startRun("b0");
    store().applyEvent("b0", { type: "output", stream: "stdout", data: "old" });
    store().applyEvent("b0", { type: "exit", exitCode: 0, durationMs: 1, truncated: false, timedOut: false, cancelled: false, oomKilled: false });
    const finished = store().runs.b0!;
    store().queueRun("b0", "fp");
    expect(store().runs.b0).toMatchObject({ status: "queued", codeFingerprint: "fp", output: [], previous: finished });
    store().queueRun("b0");
    expect(store().runs.b0!.previous, "queued twice (a chain replayed) keeps the finished run").toBe(finished);
    store().unqueueRun("b0");
    expect(store().runs.b0).toBe(finished);

    store().queueRun("b1");
    store().unqueueRun("b1");
    expect(store().runs.b1).toBeUndefined();
    store().queueRun("b0");
    store().startRun("b0");
    store().unqueueRun("b0");
    expect(store().runs.b0).toMatchObject({ status: "running", output: [] });
  });

  it("applies a batch of events as the same events one by one would, leaving the state before it as it was", () => {
    const events: StreamEvent[] = [
      { type: "output", stream: "stdout", data: "a" },
      { type: "display", displayId: "d1", data: { "text/plain": "1" }, metadata: {} },
      { type: "output", stream: "stdout", data: "b" },
      { type: "display-update", displayId: "d1", data: { "text/plain": "2" }, metadata: {} },
      { type: "clear-output", wait: true },
      { type: "output", stream: "stderr", data: "c" },
      { type: "start", executionId: "ex-9", blockIndex: 0, blockId: "a" },
      { type: "output", stream: "stderr", data: "d" },
    ];
    store().startRun("one");
    for (const event of events) store().applyEvent("one", event);
    store().startRun("batch");
    store().applyEvents("batch", events.slice(0, 3));
    const before = store().runs.batch!;
    const itemsBefore = structuredClone(before.output);
    store().applyEvents("batch", events.slice(3));
    // Alike but for the order each run started in.
    expect({ ...store().runs.batch, order: 0 }).toEqual({ ...store().runs.one, order: 0 });
    expect(store().runs.batch).toMatchObject({ executionId: "ex-9", output: [{ stream: "stderr", data: "cd" }] });
    expect(before.output, "the earlier state's output is not changed").toEqual(itemsBefore);
    const reference = events.filter((event): event is OutputEvent => ["output", "display", "display-update", "clear-output"].includes(event.type)).reduce(applyOutputEvent, EMPTY_OUTPUT);
    expect(store().runs.batch!.output).toEqual(reference.items);
  });

  it("takes 100,000 one-byte pieces on stdout and stderr in turn in one batch without copying the output per piece", () => {
    // Copied per piece this is 5·10⁹ item copies (tens of seconds); applied in one copy it is milliseconds.
    const pieces: StreamEvent[] = Array.from({ length: 100_000 }, (_, i) => ({ type: "output", stream: i % 2 ? "stderr" : "stdout", data: "x" }));
    store().startRun("drip");
    store().applyEvents("drip", pieces);
    expect(store().runs.drip!.output).toHaveLength(100_000);
  });

  it("merges neighbouring chunks of one stream and keeps stdout and stderr in order", () => {
    store().startRun("b0");
    store().applyEvent("b0", { type: "start", executionId: "ex-1", blockIndex: 0, blockId: "a" });
    store().applyEvent("b0", { type: "output", stream: "stdout", data: "a" });
    store().applyEvent("b0", { type: "output", stream: "stdout", data: "b" });
    store().applyEvent("b0", { type: "output", stream: "stderr", data: "!" });
    store().applyEvent("b0", { type: "output", stream: "stdout", data: "c" });
    expect(store().runs.b0).toMatchObject({
      status: "running",
      executionId: "ex-1",
      output: [
        { stream: "stdout", data: "ab" },
        { stream: "stderr", data: "!" },
        { stream: "stdout", data: "c" },
      ],
    });
  });

  it("finishes a run on exit, keeping the reason the block was stopped", () => {
    store().startRun("b2");
    store().applyEvent("b2", {
      type: "exit",
      exitCode: 137,
      durationMs: 40,
      truncated: false,
      timedOut: false,
      cancelled: true,
      oomKilled: false,
      message: "The block was cancelled.",
    });
    expect(store().runs.b2).toMatchObject({ status: "finished", exit: { exitCode: 137, message: "The block was cancelled." } });
  });

  it("ignores events for a block that is not running and forgets runs on reset", () => {
    store().applyEvent("b5", { type: "output", stream: "stdout", data: "late" });
    expect(store().runs.b5).toBeUndefined();
    store().startRun("b1");
    store().reset("nb-2");
    expect(store()).toMatchObject({ notebookId: "nb-2", runs: {}, session: { status: "none" } });
  });

  it("restores stored runs only for blocks that have not run in this page", () => {
    store().startRun("b1");
    store().restoreRuns({
      b0: { status: "finished", output: [{ stream: "stdout", data: "stored 0" }], artifacts: [] },
      b1: { status: "finished", output: [{ stream: "stdout", data: "stored 1" }], artifacts: [] },
    });
    expect(store().runs.b0?.output).toEqual([{ stream: "stdout", data: "stored 0" }]);
    expect(store().runs.b1).toMatchObject({ status: "running", output: [] });
  });

  it("lets the reader's own stored runs replace published ones, and a new run replace either", () => {
    const published = { by: "Ada", at: "2026-12-02T00:00:00.000Z" };
    store().restoreRuns({
      b0: { status: "finished", output: [{ stream: "stdout", data: "published 0" }], artifacts: [], published },
      b1: { status: "finished", output: [{ stream: "stdout", data: "published 1" }], artifacts: [], published },
    });
    store().restoreRuns({ b1: { status: "finished", output: [{ stream: "stdout", data: "mine 1" }], artifacts: [] } });
    expect(store().runs.b0).toMatchObject({ published, output: [{ stream: "stdout", data: "published 0" }] });
    expect(store().runs.b1).toEqual({ status: "finished", output: [{ stream: "stdout", data: "mine 1" }], artifacts: [] });
    // Published again later (another restore) does not cover the reader's own.
    store().restoreRuns({ b1: { status: "finished", output: [{ stream: "stdout", data: "published again" }], artifacts: [], published } });
    expect(store().runs.b1?.published).toBeUndefined();
    store().startRun("b0");
    expect(store().runs.b0).toMatchObject({ status: "running", output: [] });
    expect(store().runs.b0?.published).toBeUndefined();
  });

  it("applies displays, updates, clears and exceptions as the stored form does", () => {
    store().startRun("b3");
    store().applyEvent("b3", { type: "display", displayId: "bar", data: { "text/plain": "0%" }, metadata: {} });
    store().applyEvent("b3", { type: "display-update", displayId: "bar", data: { "text/plain": "100%" }, metadata: {} });
    expect(store().runs.b3?.output).toEqual([{ type: "display", displayId: "bar", data: { "text/plain": "100%" }, metadata: {} }]);
    store().applyEvent("b3", { type: "clear-output", wait: true });
    expect(store().runs.b3?.output).toHaveLength(1);
    store().applyEvent("b3", { type: "exception", ename: "ZeroDivisionError", evalue: "division by zero", traceback: ["tb"] });
    expect(store().runs.b3?.output).toEqual([{ type: "exception", ename: "ZeroDivisionError", evalue: "division by zero", traceback: ["tb"] }]);
  });

  it("shows a prompt until it is answered or the run ends, and keeps what happened to a kernel", () => {
    store().startRun("b4");
    store().applyEvent("b4", { type: "input-request", prompt: "Name? ", password: false });
    expect(store().runs.b4?.inputRequest).toEqual({ prompt: "Name? ", password: false });
    store().answerInput("b4");
    expect(store().runs.b4?.inputRequest).toBeUndefined();
    store().applyEvent("b4", { type: "input-request", prompt: "Again? ", password: true });
    store().applyEvent("b4", { type: "kernel", runtime: "python", state: "restarting", message: "The python kernel died and is restarting." });
    store().applyEvent("b4", { type: "exit", exitCode: 1, durationMs: 5, truncated: false, timedOut: false, cancelled: false, oomKilled: false });
    expect(store().runs.b4).toMatchObject({ status: "finished", inputRequest: undefined, kernelNotes: ["The python kernel died and is restarting."] });
  });
});

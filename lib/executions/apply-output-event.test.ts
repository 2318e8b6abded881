import { describe, expect, it } from "vitest";
import { applyOutputEvent, EMPTY_OUTPUT, type OutputState } from "./apply-output-event";
import type { StreamEvent } from "./stream-events";

const applyAll = (events: Parameters<typeof applyOutputEvent>[1][], from: OutputState = EMPTY_OUTPUT) => events.reduce(applyOutputEvent, from);
const display = (displayId: string | null, text: string) =>
  ({ type: "display", displayId, data: { "text/plain": text }, metadata: {} }) as const satisfies StreamEvent;

describe("applyOutputEvent", () => {
  it("merges neighbouring chunks of one stream and keeps stdout and stderr apart, in order", () => {
    const { items } = applyAll([
      { type: "output", stream: "stdout", data: "a" },
      { type: "output", stream: "stdout", data: "b" },
      { type: "output", stream: "stderr", data: "c" },
      { type: "output", stream: "stdout", data: "d" },
    ]);
    expect(items).toEqual([
      { stream: "stdout", data: "ab" },
      { stream: "stderr", data: "c" },
      { stream: "stdout", data: "d" },
    ]);
  });

  it("keeps displays and exceptions in order between stream chunks", () => {
    const { items } = applyAll([
      { type: "output", stream: "stdout", data: "before\n" },
      display(null, "table"),
      { type: "output", stream: "stdout", data: "after\n" },
      { type: "exception", ename: "ValueError", evalue: "bad", traceback: ["\u001b[31mValueError\u001b[0m: bad"] },
    ]);
    expect(items.map((item) => ("stream" in item ? item.data : item.type))).toEqual(["before\n", "display", "after\n", "exception"]);
  });

  it("updates every display with the id in place, and drops an update with no such display", () => {
    const { items } = applyAll([
      display("p", "0%"),
      { type: "output", stream: "stdout", data: "x" },
      display("p", "0% again"),
      { type: "display-update", displayId: "p", data: { "text/plain": "50%" }, metadata: { a: 1 } },
      { type: "display-update", displayId: "nobody", data: { "text/plain": "lost" }, metadata: {} },
    ]);
    expect(items).toEqual([
      { type: "display", displayId: "p", data: { "text/plain": "50%" }, metadata: { a: 1 } },
      { stream: "stdout", data: "x" },
      { type: "display", displayId: "p", data: { "text/plain": "50%" }, metadata: { a: 1 } },
    ]);
  });

  it("clears at once, or with wait only when the next item arrives", () => {
    expect(applyAll([display(null, "a"), { type: "clear-output", wait: false }])).toEqual(EMPTY_OUTPUT);
    const waiting = applyAll([display(null, "a"), { type: "clear-output", wait: true }]);
    expect(waiting.items).toHaveLength(1);
    expect(applyOutputEvent(waiting, { type: "output", stream: "stdout", data: "b" })).toEqual({ items: [{ stream: "stdout", data: "b" }], clearPending: false });
    expect(applyOutputEvent(waiting, display(null, "c")).items).toEqual([display(null, "c")].map(({ type, displayId, data, metadata }) => ({ type, displayId, data, metadata })));
  });

  it("does not merge a chunk into the output a waiting clear is about to remove", () => {
    const waiting = applyAll([{ type: "output", stream: "stdout", data: "10%" }, { type: "clear-output", wait: true }]);
    expect(applyOutputEvent(waiting, { type: "output", stream: "stdout", data: "20%" }).items).toEqual([{ stream: "stdout", data: "20%" }]);
  });

  it("does not change the state it was given", () => {
    const before = applyAll([display("p", "a")]);
    const copy = structuredClone(before);
    applyAll([{ type: "display-update", displayId: "p", data: { "text/plain": "b" }, metadata: {} }, { type: "clear-output", wait: false }], before);
    expect(before).toEqual(copy);
  });
});

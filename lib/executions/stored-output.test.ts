import { describe, expect, it } from "vitest";
import { applyOutputEvent, EMPTY_OUTPUT, type OutputEvent } from "./apply-output-event";
import { StoredOutput } from "./stored-output";

const events: OutputEvent[] = [
  { type: "output", stream: "stdout", data: "one\n" },
  { type: "output", stream: "stdout", data: "two\n" },
  { type: "display", displayId: "bar", data: { "text/plain": "0%" }, metadata: {} },
  { type: "output", stream: "stderr", data: "warn\n" },
  { type: "display-update", displayId: "bar", data: { "text/plain": "100%" }, metadata: {} },
  { type: "clear-output", wait: true },
  { type: "exception", ename: "ValueError", evalue: "bad", traceback: ["\u001b[31mValueError\u001b[0m: bad"] },
  { type: "output", stream: "stdout", data: "after\n" },
];

describe("StoredOutput", () => {
  it("stores what the page shows: the page's own rule applied to every event", () => {
    const stored = new StoredOutput(1 << 20);
    for (const event of events) stored.add(event);
    const shown = events.reduce(applyOutputEvent, EMPTY_OUTPUT);
    expect(stored.chunks).toEqual(shown.items);
    expect(stored.truncated).toBe(false);
  });

  it("cuts text at the cap and leaves out a display that would pass it, saying it truncated", () => {
    const stored = new StoredOutput(10);
    stored.add({ type: "output", stream: "stdout", data: "12345678" });
    stored.add({ type: "display", displayId: null, data: { "text/plain": "too big for the rest" }, metadata: {} });
    stored.add({ type: "output", stream: "stdout", data: "abcdef" });
    expect(stored.chunks).toEqual([{ stream: "stdout", data: "12345678ab" }]);
    expect(stored.truncated).toBe(true);
  });

  it("never cuts a character in half", () => {
    const stored = new StoredOutput(5);
    stored.add({ type: "output", stream: "stdout", data: "abcdé" });
    expect(stored.chunks).toEqual([{ stream: "stdout", data: "abcd" }]);
  });

  it("has room again after a clear, and refuses an update that would grow a display past the cap", () => {
    const stored = new StoredOutput(100);
    stored.add({ type: "display", displayId: "p", data: { "text/plain": "0%" }, metadata: {} });
    stored.add({ type: "display-update", displayId: "p", data: { "text/plain": "x".repeat(100) }, metadata: {} });
    expect(stored.chunks).toEqual([{ type: "display", displayId: "p", data: { "text/plain": "0%" }, metadata: {} }]);
    stored.add({ type: "clear-output", wait: false });
    stored.add({ type: "output", stream: "stdout", data: "y".repeat(100) });
    expect(stored.chunks).toEqual([{ stream: "stdout", data: "y".repeat(100) }]);
  });
});

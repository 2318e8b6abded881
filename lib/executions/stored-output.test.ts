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

  it("stores what the page shows for any mix of events (seeded), updates made before or after their displays", () => {
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const pick = (): OutputEvent => {
      const id = ["a", "b", null][random(3)]!;
      switch (random(7)) {
        case 0:
          return { type: "output", stream: "stdout", data: "o".repeat(random(4)) };
        case 1:
          return { type: "output", stream: "stderr", data: "e" };
        case 2:
          return { type: "display", displayId: id, data: { "text/plain": "d".repeat(random(5)) }, metadata: random(2) ? {} : { n: random(9) } };
        case 3:
          return { type: "display-update", displayId: id ?? "a", data: { "text/plain": String(random(1000)) }, metadata: {} };
        case 4:
          return { type: "clear-output", wait: random(2) === 0 };
        case 5:
          return { type: "exception", ename: "E", evalue: String(random(10)), traceback: [] };
        default:
          return { type: "display-update", displayId: "b", data: { "text/plain": "" }, metadata: { m: 1 } };
      }
    };
    for (let round = 0; round < 200; round++) {
      const mix = Array.from({ length: 40 }, pick);
      const stored = new StoredOutput(1 << 20);
      for (const event of mix) stored.add(event);
      expect(stored.chunks, JSON.stringify(mix)).toEqual(mix.reduce(applyOutputEvent, EMPTY_OUTPUT).items);
    }
  });

  it("keeps the cap on updates of many displays of one id, as the page would grow them", () => {
    const stored = new StoredOutput(400);
    for (let i = 0; i < 3; i++) stored.add({ type: "display", displayId: "p", data: { "text/plain": "0" }, metadata: {} });
    stored.add({ type: "display-update", displayId: "p", data: { "text/plain": "x".repeat(50) }, metadata: {} });
    expect(stored.truncated).toBe(false);
    stored.add({ type: "display-update", displayId: "p", data: { "text/plain": "x".repeat(80) }, metadata: {} });
    expect(stored.truncated).toBe(true);
    expect(stored.chunks.map((item) => ("type" in item && item.type === "display" ? item.data["text/plain"] : null))).toEqual(Array(3).fill("x".repeat(50)));
  });

  // Each event used to copy the whole output so far (and an update to look at every item): a
  // block's 100,000 pieces (MAX_RUN_EVENTS) took the server's one thread 100 s, and 10,000
  // displays updated 5,000 times more than 7 minutes. Here both are a matter of milliseconds.
  it("costs the same per event however long the output: 100,000 alternating pieces and 5,000 updates of 10,000 displays", () => {
    const started = performance.now();
    const pieces = new StoredOutput(1 << 20);
    for (let i = 0; i < 100_000; i++) pieces.add({ type: "output", stream: i % 2 ? "stdout" : "stderr", data: "x" });
    expect(pieces.chunks).toHaveLength(100_000);
    const displays = new StoredOutput(1 << 20);
    for (let i = 0; i < 10_000; i++) displays.add({ type: "display", displayId: "p", data: { "text/plain": "0" }, metadata: {} });
    for (let i = 0; i < 5_000; i++) displays.add({ type: "display-update", displayId: "p", data: { "text/plain": String(i % 10) }, metadata: {} });
    expect(displays.chunks.at(-1)).toMatchObject({ data: { "text/plain": "9" } });
    expect(performance.now() - started).toBeLessThan(4000);
  });
});

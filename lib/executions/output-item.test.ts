import { describe, expect, it } from "vitest";
import { readOutputItems } from "./output-item";

describe("readOutputItems", () => {
  it("keeps stream chunks, displays and exceptions, and drops what is not well-formed", () => {
    const stored = [
      { stream: "stdout", data: "hi\n" },
      { stream: "stdin", data: "no" },
      { type: "display", displayId: null, data: { "text/html": "<b>x</b>" }, metadata: { isolated: true } },
      { type: "display", displayId: 7, data: { "text/plain": "x" } },
      { type: "display", data: "not a bundle" },
      { type: "exception", ename: "KeyError", evalue: "'a'", traceback: ["line", 3, null] },
      { type: "exception", ename: 1, evalue: "x", traceback: [] },
      null,
      "text",
    ];
    expect(readOutputItems(stored)).toEqual([
      { stream: "stdout", data: "hi\n" },
      { type: "display", displayId: null, data: { "text/html": "<b>x</b>" }, metadata: { isolated: true } },
      { type: "display", displayId: null, data: { "text/plain": "x" }, metadata: {} },
      { type: "exception", ename: "KeyError", evalue: "'a'", traceback: ["line"] },
    ]);
    expect(readOutputItems({ stream: "stdout" })).toEqual([]);
  });
});

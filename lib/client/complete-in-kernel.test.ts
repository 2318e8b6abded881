import { describe, expect, it } from "vitest";
import { checkedCompletion } from "./complete-in-kernel";

describe("checkedCompletion (the page's own check of a kernel's completion)", () => {
  it("keeps string matches with an optional kind, within the code", () => {
    expect(checkedCompletion({ status: "ok", from: 3, to: 5, matches: [{ text: "os.path", type: "module" }, { text: "os.pardir" }] }, 5, 5)).toEqual({
      from: 3,
      to: 5,
      matches: [{ text: "os.path", type: "module" }, { text: "os.pardir" }],
    });
  });

  it("drops what is not a match and caps their number and length", () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ text: `m${i}` }));
    const reply = checkedCompletion({ from: 0, to: 1, matches: [7, null, { text: "" }, { text: "x".repeat(201) }, { text: 1 }, ...many] }, 1, 1);
    expect(reply?.matches).toHaveLength(200);
    expect(reply?.matches[0]).toEqual({ text: "m0" });
  });

  it("answers nothing for a span outside the code or after the cursor, a missing list, or no matches", () => {
    for (const body of [{ from: -1, to: 1, matches: [{ text: "a" }] }, { from: 2, to: 3, matches: [{ text: "a" }] }, { from: 0, to: 9, matches: [{ text: "a" }] }, { from: 0, to: 1 }, { from: 0, to: 1, matches: [] }, "nope", null]) {
      expect(checkedCompletion(body, 3, 1)).toBeNull();
    }
  });
});

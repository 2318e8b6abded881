import { describe, expect, it } from "vitest";
import { blockRefSchema } from "./block-ref-schema";

describe("blockRefSchema", () => {
  it("reads digits as an index and anything id-shaped as an id", () => {
    expect(blockRefSchema.parse("3")).toEqual({ index: 3 });
    expect(blockRefSchema.parse("site-2")).toEqual({ id: "site-2" });
  });

  it.each(["-1", "1.5", "9999999", "a b", "../x", ""])("refuses %j with a sentence", (segment) => {
    expect(blockRefSchema.safeParse(segment).error?.issues[0]?.message).toMatch(/Name the block by its id/);
  });
});

import { describe, expect, it } from "vitest";
import { ConcurrencySlots } from "./concurrency-slots";

describe("ConcurrencySlots", () => {
  it("refuses a key past its maximum and counts each key apart", () => {
    const slots = new ConcurrencySlots();
    expect(slots.tryTake("a", 2)).toBeTypeOf("function");
    expect(slots.tryTake("a", 2)).toBeTypeOf("function");
    expect(slots.tryTake("a", 2)).toBeNull();
    expect(slots.tryTake("b", 2)).toBeTypeOf("function");
    expect(slots.count("a")).toBe(2);
  });

  it("gives a slot back once however often it is released", () => {
    const slots = new ConcurrencySlots();
    const first = slots.tryTake("a", 2)!;
    slots.tryTake("a", 2);
    first();
    first();
    expect(slots.count("a")).toBe(1);
    expect(slots.tryTake("a", 2)).toBeTypeOf("function");
    expect(slots.tryTake("a", 2)).toBeNull();
  });
});

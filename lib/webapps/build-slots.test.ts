import { describe, expect, it } from "vitest";
import { BuildSlots } from "./build-slots";

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("BuildSlots", () => {
  it("build flood: one account's second build waits while another account's goes ahead", async () => {
    const slots = new BuildSlots({ total: 2, perOwner: 1 });
    const first = await slots.acquire("ada");
    expect(slots.wouldWait("ada")).toBe(true);
    let adaSecond = false;
    const second = slots.acquire("ada").then((release) => ((adaSecond = true), release));
    const bob = await slots.acquire("bob");
    await settle();
    expect(adaSecond).toBe(false);
    first();
    await settle();
    expect(adaSecond).toBe(true);
    (await second)();
    bob();
  });

  it("holds everyone to the total, in order of arrival", async () => {
    const slots = new BuildSlots({ total: 1, perOwner: 5 });
    const order: string[] = [];
    const first = await slots.acquire("a");
    const b = slots.acquire("b").then((release) => (order.push("b"), release));
    const c = slots.acquire("c").then((release) => (order.push("c"), release));
    first();
    (await b)();
    (await c)();
    expect(order).toEqual(["b", "c"]);
  });

  it("a cancelled waiter leaves the queue and never takes a slot", async () => {
    const slots = new BuildSlots({ total: 1, perOwner: 1 });
    const first = await slots.acquire("a");
    const controller = new AbortController();
    const waiting = slots.acquire("b", controller.signal);
    controller.abort(new Error("cancelled"));
    await expect(waiting).rejects.toThrow("cancelled");
    first();
    expect(slots.wouldWait("b")).toBe(false);
  });
});

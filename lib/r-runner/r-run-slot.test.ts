import { describe, expect, it } from "vitest";
import { parseSettings } from "../config/settings";
import { RateLimitError } from "../http/app-error";
import { takeRRunSlot } from "./r-run-slot";

const refusal = (take: () => unknown): RateLimitError => {
  try {
    take();
  } catch (error) {
    if (error instanceof RateLimitError) return error;
    throw error;
  }
  throw new Error("expected a 429");
};

describe("takeRRunSlot", () => {
  it("says one R script, not one R scripts, when the caller's limit is 1", () => {
    const settings = parseSettings({ MAX_R_RUNS_PER_CALLER: "1", MAX_R_RUNS: "1" });
    const caller = { kind: "user" as const, userId: "one-script-caller" };
    const release = takeRRunSlot(settings, caller);
    try {
      expect(refusal(() => takeRRunSlot(settings, caller)).message).toMatch(/^You already have 1 R script running, the most one caller may run at once/);
      expect(refusal(() => takeRRunSlot(settings, { kind: "user", userId: "someone-else" })).message).toMatch(/^This server is running 1 R script, as many as it runs at once/);
    } finally {
      release();
    }
  });
});

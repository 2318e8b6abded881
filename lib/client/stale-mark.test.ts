import { describe, expect, it } from "vitest";
import { codeFingerprint } from "@/lib/notebook/code-fingerprint";
import { parseNotebook } from "@/lib/notebook/parse-notebook";
import type { BlockRun } from "./run-store";
import { staleMarkOf } from "./stale-mark";

const blocks = parseNotebook("```runnable python id=a\nx = 1\n```\n\n```runnable python id=b\nprint(x)\n```\n");
const [a, b] = [blocks[0]!, blocks[1]!];
const finished = (code: string, order: number, extra: Partial<BlockRun> = {}): BlockRun => ({
  status: "finished",
  order,
  codeFingerprint: codeFingerprint(code),
  output: [],
  artifacts: [],
  exit: { exitCode: 0, durationMs: 1, truncated: false },
  ...extra,
});

describe("staleMarkOf", () => {
  it("marks a block's output once a block above it ran again, and not before", () => {
    expect(staleMarkOf(b, blocks, "shared", { a: finished("x = 1", 1), b: finished("print(x)", 2) }, {})).toBeUndefined();
    expect(staleMarkOf(b, blocks, "shared", { a: finished("x = 1", 3), b: finished("print(x)", 2) }, {})).toBe("A block above it ran again after it.");
  });

  it("marks the runs from before a kernel restarted, and restored runs from an earlier kernel", () => {
    const runs = { a: finished("x = 1", 1), b: finished("print(x)", 2) };
    expect(staleMarkOf(a, blocks, "shared", runs, { python: 2 })).toMatch(/python kernel/);
    const restored = { ...runs, a: finished("x = 1", -1, { finishedAt: "2026-12-01T10:00:00.000Z" }) };
    const kernel = (startedAt: string | null) => [{ runtime: "python" as const, state: "idle" as const, startedAt }];
    expect(staleMarkOf(a, blocks, "shared", restored, {}, kernel("2026-12-01T11:00:00.000Z"))).toMatch(/python kernel/);
    expect(staleMarkOf(a, blocks, "shared", restored, {}, kernel(null))).toMatch(/python kernel/);
    expect(staleMarkOf(a, blocks, "shared", restored, {}, kernel("2026-12-01T09:00:00.000Z"))).toBeUndefined();
  });

  it("says nothing for a block that has not run or in an isolated notebook", () => {
    expect(staleMarkOf(b, blocks, "shared", {}, {})).toBeUndefined();
    expect(staleMarkOf(b, blocks, "isolated", { a: finished("x = 1", 3), b: finished("print(x)", 2) }, {})).toBeUndefined();
  });
});

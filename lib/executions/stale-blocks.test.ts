import { describe, expect, it } from "vitest";
import { codeFingerprint } from "../notebook/code-fingerprint";
import { parseNotebook } from "../notebook/parse-notebook";
import { staleBlocks, type LatestRun } from "./stale-blocks";

const NOTEBOOK = [
  "```runnable python id=a\nx = 1\n```",
  "```file text notes.txt id=f\nhello\n```",
  "```runnable bash id=b\necho $x > out.txt\n```",
  "```runnable go id=g\npackage main\nfunc main() {}\n```",
  "```runnable python id=c\nprint(x)\n```",
].join("\n\n");
const blocks = parseNotebook(NOTEBOOK);
const byId = (id: string) => blocks.find((block) => block.id === id)!;

/** Each block ran once, in document order, succeeded, with today's code, in the current kernels. */
function ranInOrder(overrides: Record<string, Partial<LatestRun>> = {}): Map<string, LatestRun> {
  const runs = new Map<string, LatestRun>();
  ["a", "b", "g", "c"].forEach((id, order) => {
    runs.set(id, { codeFingerprint: codeFingerprint(byId(id).code), succeeded: true, order, inCurrentKernel: true, ...overrides[id] });
  });
  return runs;
}

const staleIds = (latest: Map<string, LatestRun>, state: "shared" | "isolated" = "shared") => staleBlocks(blocks, state, latest).map(({ block }) => block.id);

describe("staleBlocks", () => {
  it("finds nothing stale when every block ran in order with its current code", () => {
    expect(staleIds(ranInOrder())).toEqual([]);
  });

  it("marks every runnable block stale in a session where nothing ran, and never a file block", () => {
    const stale = staleBlocks(blocks, "shared", new Map());
    expect(stale.map(({ block }) => block.id)).toEqual(["a", "b", "g", "c"]);
    expect(stale[0]?.reason).toBe("It has not run in this session yet.");
  });

  it("marks a block whose code changed, and every block below it", () => {
    const stale = staleBlocks(blocks, "shared", ranInOrder({ b: { codeFingerprint: codeFingerprint("echo old") } }));
    expect(stale.map(({ block }) => [block.id, block.index])).toEqual([["b", 2], ["g", 3], ["c", 4]]);
    expect(stale[0]?.reason).toMatch(/code has changed/);
    expect(stale[1]?.reason).toBe("Block 2 above it will run again first.");
  });

  it("marks a block whose last run failed", () => {
    expect(staleIds(ranInOrder({ g: { succeeded: false } }))).toEqual(["g", "c"]);
  });

  it("marks a block that ran before a block above it re-ran", () => {
    // a re-ran last: everything below ran before it.
    expect(staleIds(ranInOrder({ a: { order: 10 } }))).toEqual(["b", "g", "c"]);
    // g re-ran after c: only c is stale.
    expect(staleIds(ranInOrder({ g: { order: 10 } }))).toEqual(["c"]);
  });

  it("marks a kernel block that has not run since its kernel started, but not a fresh-process block", () => {
    expect(staleIds(ranInOrder({ c: { inCurrentKernel: false } }))).toEqual(["c"]);
    expect(staleBlocks(blocks, "shared", ranInOrder({ a: { inCurrentKernel: false } }))[0]?.reason).toBe("It has not run since the python kernel started.");
    // Go has no kernel: its run counts whatever the kernels did since.
    expect(staleIds(ranInOrder({ g: { inCurrentKernel: false } }))).toEqual([]);
  });

  it("counts an `isolated` block's run whatever the kernels did", () => {
    const marked = parseNotebook("```runnable python isolated id=i\nprint(1)\n```\n\n```runnable python id=j\nprint(2)\n```\n");
    const latest = new Map<string, LatestRun>([
      ["i", { codeFingerprint: codeFingerprint("print(1)"), succeeded: true, order: 0, inCurrentKernel: false }],
      ["j", { codeFingerprint: codeFingerprint("print(2)"), succeeded: true, order: 1, inCurrentKernel: true }],
    ]);
    expect(staleBlocks(marked, "shared", latest)).toEqual([]);
  });

  it("never marks anything in an isolated notebook", () => {
    expect(staleIds(new Map(), "isolated")).toEqual([]);
  });

  it("skips blocks that cannot run", () => {
    const broken = parseNotebook("```runnable cobol id=x\nDISPLAY 1\n```\n\n```runnable bash id=y\necho\n```\n");
    expect(staleBlocks(broken, "shared", new Map()).map(({ block }) => block.id)).toEqual(["y"]);
  });
});

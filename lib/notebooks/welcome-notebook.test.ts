import { describe, expect, it } from "vitest";
import { readNotebookSettings } from "../notebook/front-matter";
import { parseNotebook } from "../notebook/parse-notebook";
import { runsInFreshProcess } from "../notebook/run-mode";
import { RUNTIMES } from "../notebook/types";
import { welcomeNotebook } from "./welcome-notebook";

describe("welcomeNotebook", () => {
  const { content } = welcomeNotebook();
  const blocks = parseNotebook(content);

  it("parses without a refused block", () => {
    expect(blocks.filter((block) => block.error)).toEqual([]);
  });

  it("shows a file block, a runnable block for every runtime reading it, and a webapp block", () => {
    const file = blocks.find((block) => block.kind === "file");
    expect(file?.path).toBe("data/planets.csv");
    const runnable = blocks.filter((block) => block.kind === "runnable");
    expect(runnable.slice(0, RUNTIMES.length).map((block) => block.runtime)).toEqual([...RUNTIMES]);
    for (const block of runnable) expect(block.code).toContain("planets");
    expect(blocks.find((block) => block.kind === "webapp")?.appType).toBe("static");
  });

  it("gives each new account's copy its own block ids", () => {
    expect(blocks.every((block) => block.id !== null)).toBe(true);
    expect(parseNotebook(welcomeNotebook().content)[0]?.id).not.toBe(blocks[0]?.id);
  });

  it("shows both modes: shared state in its front matter, and a block that runs alone", () => {
    expect(readNotebookSettings(content)).toEqual({ state: "shared" });
    const python = blocks.filter((block) => block.kind === "runnable" && block.runtime === "python");
    expect(python.map((block) => runsInFreshProcess("shared", block))).toEqual([false, false, true]);
    expect(python[1]?.code).toContain("planets");
    expect(content).toContain("state: isolated");
  });

  it("has a GFM table and a task list", () => {
    expect(content).toMatch(/^\| --- \| --- \|$/m);
    expect(content).toMatch(/^- \[x\] /m);
    expect(content).toMatch(/^- \[ \] /m);
  });
});

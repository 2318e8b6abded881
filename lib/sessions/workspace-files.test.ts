import { describe, expect, it } from "vitest";
import { parseNotebook } from "../notebook/parse-notebook";
import { fileBlocks, fileChanges, fileState } from "./workspace-files";

const blocks = (md: string) => parseNotebook(md);

describe("workspace files", () => {
  it("collects valid file blocks, ending each with a newline, later blocks winning", () => {
    const files = fileBlocks(
      blocks("```file text a.txt\none\n```\n```file text ../bad.txt\nx\n```\n```file text a.txt\ntwo\n```\n```file text empty.txt\n```"),
    );
    expect([...files]).toEqual([
      ["a.txt", "two\n"],
      ["empty.txt", ""],
    ]);
  });

  it("writes only what changed and removes what is gone", () => {
    const seeded = fileState(new Map([["keep.txt", "same\n"], ["old.txt", "x\n"], ["edit.txt", "v1\n"]]));
    const changes = fileChanges(seeded, new Map([["keep.txt", "same\n"], ["edit.txt", "v2\n"], ["new.txt", "n\n"]]));
    expect(changes.write).toEqual([
      { path: "edit.txt", content: "v2\n" },
      { path: "new.txt", content: "n\n" },
    ]);
    expect(changes.remove).toEqual(["old.txt"]);
    expect(Object.keys(changes.state).sort()).toEqual(["edit.txt", "keep.txt", "new.txt"]);
  });
});

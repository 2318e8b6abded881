import { describe, expect, it } from "vitest";
import { notebookTitle, readNotebookLink, writeNotebookLink } from "./front-matter";

describe("notebook link front matter", () => {
  it("adds front matter to a file without any and reads it back", () => {
    const linked = writeNotebookLink("# Hi\n", { id: "abc123", version: 2 });
    expect(linked).toBe("---\nrunnel-id: abc123\nrunnel-version: 2\n---\n\n# Hi\n");
    expect(readNotebookLink(linked)).toEqual({ id: "abc123", version: 2 });
  });

  it("replaces the link in existing front matter and keeps its other keys and the body byte for byte", () => {
    const file = "---\nstate: shared\nrunnel-id: old\nrunnel-version: 1\n---\nbody\n\n```runnable bash\necho\n```\n";
    expect(writeNotebookLink(file, { id: "new", version: 5 })).toBe(
      "---\nstate: shared\nrunnel-id: new\nrunnel-version: 5\n---\nbody\n\n```runnable bash\necho\n```\n",
    );
  });

  it("has no link without front matter or without a version", () => {
    expect(readNotebookLink("runnel-id: x\n")).toBeNull();
    expect(readNotebookLink("---\nrunnel-id: x\n---\n")).toBeNull();
  });

  it("titles a notebook by its first heading, else its file name", () => {
    expect(notebookTitle("---\na: b\n---\n\n# Getting started\n", "x.md")).toBe("Getting started");
    expect(notebookTitle("text", "guide.md")).toBe("guide");
  });
});

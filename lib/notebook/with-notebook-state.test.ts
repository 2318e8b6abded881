import { describe, expect, it } from "vitest";
import { readNotebookSettings } from "./front-matter";
import { parseNotebook } from "./parse-notebook";
import { withNotebookState } from "./with-notebook-state";

const BODY = "# Title\n\n```runnable python id=a1\nprint(1)\n```\n";

describe("withNotebookState", () => {
  it("adds front matter at the top of a notebook without one", () => {
    const written = withNotebookState(BODY, "isolated");
    expect(written).toBe(`---\nstate: isolated\n---\n\n${BODY}`);
    expect(readNotebookSettings(written)).toEqual({ state: "isolated" });
    expect(parseNotebook(written).map((block) => [block.id, block.code])).toEqual([["a1", "print(1)"]]);
  });

  it("changes the state in place, keeping other keys, their order and comments", () => {
    const markdown = `---\n# settings\ntitle: Demo\nstate: isolated # for now\ntags: [a, b]\n---\n${BODY}`;
    const written = withNotebookState(markdown, "shared");
    expect(written).toBe(`---\n# settings\ntitle: Demo\nstate: shared # for now\ntags: [ a, b ]\n---\n${BODY}`);
    expect(readNotebookSettings(written)).toEqual({ state: "shared" });
  });

  it("adds the key to front matter that lacks it, and fills empty front matter", () => {
    expect(withNotebookState(`---\ntitle: Demo\n---\n${BODY}`, "isolated")).toBe(`---\ntitle: Demo\nstate: isolated\n---\n${BODY}`);
    expect(withNotebookState(`---\n---\n${BODY}`, "isolated")).toBe(`---\nstate: isolated\n---\n${BODY}`);
  });

  it("fixes an unknown state", () => {
    const written = withNotebookState(`---\nstate: both\n---\n${BODY}`, "isolated");
    expect(readNotebookSettings(written)).toEqual({ state: "isolated" });
  });

  it("refuses front matter it cannot edit without losing what the author wrote", () => {
    expect(() => withNotebookState(`---\nstate: [\n---\n${BODY}`, "shared")).toThrow(/not valid YAML/);
    expect(() => withNotebookState(`---\n- a\n---\n${BODY}`, "shared")).toThrow(/key: value/);
  });

  it("does not mistake a thematic break further down for front matter", () => {
    const markdown = `${BODY}\n---\nstate: isolated\n---\n`;
    expect(withNotebookState(markdown, "isolated")).toBe(`---\nstate: isolated\n---\n\n${markdown}`);
  });
});

import { describe, expect, it } from "vitest";
import { readNotebookSettings } from "./front-matter";

describe("readNotebookSettings", () => {
  it("defaults to shared without front matter", () => {
    expect(readNotebookSettings("# Title\n\n```runnable python\nprint(1)\n```\n")).toEqual({ state: "shared" });
  });

  it("reads state from the front matter", () => {
    expect(readNotebookSettings("---\nstate: isolated\n---\n# Title\n")).toEqual({ state: "isolated" });
    expect(readNotebookSettings("---\nstate: shared\ntitle: x\n---\n")).toEqual({ state: "shared" });
  });

  it("ignores a thematic break that is not at the top", () => {
    expect(readNotebookSettings("# Title\n\n---\nstate: isolated\n---\n")).toEqual({ state: "shared" });
  });

  it("says why an unknown state or broken YAML falls back to shared", () => {
    expect(readNotebookSettings("---\nstate: both\n---\n")).toMatchObject({ state: "shared", error: expect.stringContaining("both") });
    expect(readNotebookSettings("---\nstate: [\n---\n")).toMatchObject({ state: "shared", error: expect.stringContaining("YAML") });
    expect(readNotebookSettings("---\n- a\n---\n")).toMatchObject({ state: "shared", error: expect.any(String) });
  });

  it("refuses YAML alias bombs", () => {
    const bomb = "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n---\n";
    expect(readNotebookSettings(bomb)).toMatchObject({ state: "shared", error: expect.any(String) });
  });
});

import { describe, expect, it } from "vitest";
import { notebookBlockSource } from "./notebook-block-source";

const notebook = [
  "# App",
  "```file python helpers.py",
  "def greet(): return 'hi'",
  "```",
  "```runnable python",
  "print(1)",
  "```",
  "```webapp fastapi name=greeter port=8000",
  "from fastapi import FastAPI",
  "app = FastAPI()",
  "```",
  "```file python app.py",
  "shadowed by the webapp block's body",
  "```",
  "",
].join("\n");

describe("notebookBlockSource", () => {
  it("ships the block's body as the entry file beside the notebook's file blocks", () => {
    const { appType, block, source } = notebookBlockSource(notebook, { index: 2 });
    expect(appType).toBe("fastapi");
    expect(block.attrs).toMatchObject({ name: "greeter", port: "8000" });
    expect(source).toEqual({
      kind: "files",
      files: [
        { path: "helpers.py", content: "def greet(): return 'hi'" },
        { path: "app.py", content: "from fastapi import FastAPI\napp = FastAPI()\n" },
      ],
    });
  });

  it("refuses a block that is not a webapp block, or no block at all", () => {
    expect(() => notebookBlockSource(notebook, { index: 1 })).toThrow("Block 1 is not a webapp block.");
    expect(() => notebookBlockSource(notebook, { index: 9 })).toThrow("Block 9 is not a webapp block.");
    expect(() => notebookBlockSource(notebook, { id: "nope" })).toThrow('Block "nope" is not a webapp block.');
  });
});

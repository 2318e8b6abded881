import { describe, expect, it } from "vitest";
import { fenceLanguage } from "./fence-language";

describe("fenceLanguage", () => {
  it("highlights runnable blocks as their runtime's language, aliases included", () => {
    expect(fenceLanguage("runnable python name=x")).toEqual({ name: "python" });
    expect(fenceLanguage("runnable js")).toEqual({ name: "javascript" });
    expect(fenceLanguage("runnable sh")).toEqual({ name: "shell" });
    expect(fenceLanguage("runnable R")).toEqual({ name: "r" });
  });

  it("highlights file blocks by their language, or by their file name when the language is text", () => {
    expect(fenceLanguage("file python src/app.py")).toEqual({ name: "python", filename: "app.py" });
    expect(fenceLanguage("file text data/notes.md")).toEqual({ filename: "notes.md" });
  });

  it("highlights webapp blocks as their entry file's language", () => {
    expect(fenceLanguage("webapp gradio port=7860")).toEqual({ name: "python" });
    expect(fenceLanguage("webapp static")).toEqual({ name: "html" });
    expect(fenceLanguage("webapp docker")).toEqual({ name: "dockerfile" });
  });

  it("reads other fences as plain Markdown does, and gives nothing for blocks it cannot resolve", () => {
    expect(fenceLanguage("TypeScript title=x")).toEqual({ name: "typescript" });
    expect(fenceLanguage("")).toEqual({});
    expect(fenceLanguage("runnable cobol")).toEqual({});
  });
});

import { describe, expect, it } from "vitest";
import { headingTitle, notebookOutline, UNTITLED } from "./outline";

describe("notebookOutline", () => {
  it("lists headings in order with unique slugs, skipping headings inside code fences", () => {
    const markdown = [
      "# Moons of *Jupiter*",
      "",
      "```runnable bash",
      "# not a heading",
      "```",
      "",
      "## Data & files",
      "",
      "## Data & files",
      "",
      "Setext heading",
      "--------------",
      "",
      "### ¿Qué `pasa`?",
      "#",
    ].join("\n");
    expect(notebookOutline(markdown)).toEqual([
      { depth: 1, text: "Moons of Jupiter", slug: "moons-of-jupiter", line: 1 },
      { depth: 2, text: "Data & files", slug: "data--files", line: 7 },
      { depth: 2, text: "Data & files", slug: "data--files-1", line: 9 },
      { depth: 2, text: "Setext heading", slug: "setext-heading", line: 11 },
      { depth: 3, text: "¿Qué pasa?", slug: "qué-pasa", line: 14 },
    ]);
  });
});

describe("headingTitle", () => {
  it("is the first level-1 heading, whatever comes before it", () => {
    expect(headingTitle("Intro text\n\n## Second level\n\n# The title\n\n# Another\n")).toBe("The title");
  });

  it("is Untitled notebook without a level-1 heading, and is cut to 200 characters", () => {
    expect(headingTitle("## only h2\n\n```bash\n# comment\n```\n")).toBe(UNTITLED);
    expect(headingTitle("")).toBe(UNTITLED);
    const long = headingTitle(`# ${"x".repeat(300)}`);
    expect(long).toHaveLength(200);
    expect(long.endsWith("…")).toBe(true);
  });
});

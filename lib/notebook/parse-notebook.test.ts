import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseNotebook } from "./parse-notebook";

const fixturesDir = fileURLToPath(new URL("./fixtures", import.meta.url));
const cases = readdirSync(fixturesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

// Each fixture folder is named after the one behaviour it pins; UPDATE=1 rewrites blocks.json.
describe("parseNotebook golden fixtures", () => {
  it.each(cases)("%s", (name) => {
    const input = readFileSync(join(fixturesDir, name, "input.md"), "utf8");
    const expectedPath = join(fixturesDir, name, "blocks.json");
    const blocks = parseNotebook(input);
    if (process.env.UPDATE === "1") {
      writeFileSync(expectedPath, `${JSON.stringify(blocks, null, 2)}\n`);
      return;
    }
    expect(existsSync(expectedPath), `${name}/blocks.json is missing; run with UPDATE=1`).toBe(true);
    expect(blocks).toStrictEqual(JSON.parse(readFileSync(expectedPath, "utf8")));
  });
});

describe("parseNotebook", () => {
  it("strips carriage returns from code even when the file was saved with CRLF", () => {
    const [block] = parseNotebook("```runnable bash\r\necho a\r\n\r\necho b\r\n```\r\n");
    expect(block?.code).toBe("echo a\n\necho b");
  });

  it("refuses a file path holding a control character and still numbers the next block", () => {
    const blocks = parseNotebook("```file text a\u0001b\n```\n\n```runnable go\n```\n");
    expect(blocks).toMatchObject([
      { index: 0, kind: "file", error: 'File path "a\\u0001b" contains a control character.' },
      { index: 1, kind: "runnable", runtime: "go" },
    ]);
  });

  it("accepts runtimes and app types in any letter case", () => {
    expect(parseNotebook("```runnable PY\n```\n\n```webapp Docker\n```\n")).toMatchObject([
      { runtime: "python" },
      { appType: "docker" },
    ]);
  });

  it("finds blocks inside GFM footnotes", () => {
    const blocks = parseNotebook("Text.[^1]\n\n[^1]: Footnote.\n\n    ```runnable py\n    x\n    ```\n");
    expect(blocks).toMatchObject([{ index: 0, runtime: "python", code: "x" }]);
  });

  it("keeps an attribute named __proto__ as a plain attribute", () => {
    const [block] = parseNotebook('```runnable bash __proto__=x\n```\n');
    expect(Object.keys(block?.attrs ?? {})).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(block?.attrs)).toBe(Object.prototype);
  });

  it("gives the same blocks for the same input every time", () => {
    const input = readFileSync(join(fixturesDir, "kinds-are-numbered-together-in-document-order", "input.md"), "utf8");
    expect(parseNotebook(input)).toStrictEqual(parseNotebook(input));
  });
});

describe("lib/notebook stays isomorphic", () => {
  const sources = readdirSync(fileURLToPath(new URL(".", import.meta.url))).filter(
    (file) => file.endsWith(".ts") && !file.endsWith(".test.ts"),
  );

  it.each(sources)("%s imports nothing node-only or server-only", (file) => {
    const text = readFileSync(fileURLToPath(new URL(file, import.meta.url)), "utf8");
    expect(text).not.toMatch(/from\s+["'](node:|fs|path|server-only)/);
    expect(text).not.toMatch(/import\s+["']server-only["']/);
  });
});

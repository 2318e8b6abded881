import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../", import.meta.url);
const readme = readFileSync(new URL("README.md", root), "utf8");
const docs = readdirSync(new URL("docs/", root))
  .filter((name) => name.endsWith(".md"))
  .map((name) => readFileSync(new URL(`docs/${name}`, root), "utf8"));
const examples = [...readme.matchAll(/^````markdown\n([\s\S]*?)^````$/gm)].map((match) => match[1]!);

// The README's notebook examples are run by `npm test` only through docs/, so they must be there.
describe("README notebook examples", () => {
  it("exist", () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples.map((example, i) => [i, example] as const))("example %i is in a notebook under docs/", (_i, example) => {
    expect(docs.some((doc) => doc.includes(example))).toBe(true);
  });
});

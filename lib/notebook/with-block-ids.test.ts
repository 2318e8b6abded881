import { describe, expect, it } from "vitest";
import { isBlockId, newBlockId } from "./block-id";
import { parseNotebook } from "./parse-notebook";
import { withBlockIds } from "./with-block-ids";

function counter() {
  let n = 0;
  return () => `gen${++n}`;
}

const ids = (markdown: string) => parseNotebook(markdown).map((block) => block.id);

describe("withBlockIds", () => {
  it("gives a block without an id one at the end of its fence line and changes nothing else", () => {
    const input = "# T\n\n```runnable bash name=a\necho a\n```\n\ntext\n";
    expect(withBlockIds(input, { newId: counter() })).toBe("# T\n\n```runnable bash name=a id=gen1\necho a\n```\n\ntext\n");
  });

  it("leaves a notebook whose blocks all have ids exactly as it is", () => {
    const input = "```runnable bash id=a\n```\n\n```file text x.txt id=b\n```\n";
    expect(withBlockIds(input, { newId: counter() })).toBe(input);
  });

  it("keeps every id when a new block is inserted above the others", () => {
    const before = "```runnable bash id=one\necho 1\n```\n\n```runnable bash id=two\necho 2\n```\n";
    const after = withBlockIds(`\`\`\`runnable bash\necho new\n\`\`\`\n\n${before}`, { newId: counter() });
    expect(ids(after)).toEqual(["gen1", "one", "two"]);
  });

  it("keeps ids with their blocks when blocks are moved", () => {
    const moved = "```runnable bash id=two\necho 2\n```\n\n```runnable bash id=one\necho 1\n```\n";
    expect(withBlockIds(moved)).toBe(moved);
    expect(parseNotebook(moved).map((block) => [block.id, block.code])).toEqual([
      ["two", "echo 2"],
      ["one", "echo 1"],
    ]);
  });

  it("gives a pasted copy a new id and leaves the original its own", () => {
    const pasted = "```runnable bash id=dup\necho x\n```\n\n```runnable bash id=dup\necho x\n```\n";
    const out = withBlockIds(pasted, { newId: counter() });
    expect(out).toBe("```runnable bash id=dup\necho x\n```\n\n```runnable bash id=gen1\necho x\n```\n");
  });

  it("replaces a malformed id where it stands, quotes and all", () => {
    const out = withBlockIds('```runnable bash id="a b" name=x\n```\n~~~runnable bash id=7\n~~~\n', { newId: counter() });
    expect(out).toBe("```runnable bash id=gen1 name=x\n```\n~~~runnable bash id=gen2\n~~~\n");
  });

  it("gives a block back the id it had when only its id was lost", () => {
    const previous = "```runnable bash id=old\necho same\n```\n";
    expect(withBlockIds("intro\n\n```runnable bash\necho same\n```\n", { previous, newId: counter() })).toBe(
      "intro\n\n```runnable bash id=old\necho same\n```\n",
    );
  });

  it("does not hand out a previous id that another block still has", () => {
    const previous = "```runnable bash id=old\necho same\n```\n";
    const out = withBlockIds("```runnable bash id=old\necho same\n```\n\n```runnable bash\necho same\n```\n", {
      previous,
      newId: counter(),
    });
    expect(ids(out)).toEqual(["old", "gen1"]);
  });

  it("never gives out an id a block already has, even when the generator repeats it", () => {
    const repeats = ["keep", "keep", "fresh"];
    const out = withBlockIds("```runnable bash id=keep\n```\n\n```runnable bash\n```\n", { newId: () => repeats.shift()! });
    expect(ids(out)).toEqual(["keep", "fresh"]);
  });

  it("keeps line endings, blockquotes and list indentation", () => {
    const input = "> ```runnable bash\r\n> echo q\r\n> ```\r\n\r\n- item\r\n\r\n  ```runnable bash  \r\n  echo l\r\n  ```\r\n";
    expect(withBlockIds(input, { newId: counter() })).toBe(
      "> ```runnable bash id=gen1\r\n> echo q\r\n> ```\r\n\r\n- item\r\n\r\n  ```runnable bash id=gen2  \r\n  echo l\r\n  ```\r\n",
    );
  });

  it("leaves every block with a distinct well-formed id", () => {
    const input = ["```runnable bash id=a", "```", "```runnable bash id=a", "```", "```runnable py id=", "```", "```file t f.txt", "```"].join("\n");
    const once = withBlockIds(input);
    const out = ids(once);
    expect(out.every((id) => id !== null && isBlockId(id))).toBe(true);
    expect(new Set(out).size).toBe(out.length);
    expect(withBlockIds(once)).toBe(once);
  });
});

describe("newBlockId", () => {
  it("makes well-formed ids that start with a letter", () => {
    for (let i = 0; i < 200; i++) expect(newBlockId()).toMatch(/^[a-z][a-z0-9]{7}$/);
  });
});

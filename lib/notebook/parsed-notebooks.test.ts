import { describe, expect, it } from "vitest";
import { parsedNotebook } from "./parsed-notebooks";

const fence = "```";

describe("parsedNotebook", () => {
  it("reuses the parse of an unchanged version and reads a changed content afresh", () => {
    const notebook = { id: "n1", version: 1, content: `${fence}runnable python\nprint(1)\n${fence}\n` };
    const first = parsedNotebook(notebook);
    expect(parsedNotebook({ ...notebook })).toBe(first);
    const changed = parsedNotebook({ ...notebook, content: `${fence}runnable bash\necho 2\n${fence}\n` });
    expect(changed).not.toBe(first);
    expect(changed[0]).toMatchObject({ runtime: "bash", code: "echo 2" });
    expect(parsedNotebook({ ...notebook, version: 2 })[0]).toMatchObject({ runtime: "python" });
  });
});

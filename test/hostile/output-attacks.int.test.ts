import { describe, expect, it } from "vitest";
import { getPrisma } from "../../lib/db/client";
import { expectUnharmed, openHostileSession, runBlock, serverRss } from "./hostile-session";

// Attacks through what a block prints: text the database cannot hold as it comes.

const NUL_FROM_A_PROCESS = String.raw`
import os
os.write(1, b"a\0b\n")
os.write(2, b"\0")`;

const NUL_FROM_A_KERNEL = String.raw`
from IPython.display import display
print("c\0d")
display({"text/plain": "e\0f", "text/x-\0": "g"}, raw=True)
raise ValueError("h\0i")`;

const stored = (executionId: string) => getPrisma().execution.findUniqueOrThrow({ where: { id: executionId } });

describe("hostile: output", () => {
  it("NUL bytes a process prints are shown as printed and stored as U+FFFD; the run is not left running", async () => {
    await using session = await openHostileSession([NUL_FROM_A_PROCESS]);
    const rss = serverRss();
    const result = await runBlock(session, 0);
    expect(result.stdout).toBe("a\0b\n");
    expect(result.exit).toMatchObject({ exitCode: 0 });
    const row = await stored(result.executionId);
    expect(row.status).toBe("succeeded");
    expect(row.output).toEqual([{ stream: "stdout", data: "a\uFFFDb\n" }, { stream: "stderr", data: "\uFFFD" }]);
    await expectUnharmed(session, rss);
  });

  it("NUL characters in a kernel's text, display bundle (a MIME key too) and exception are stored as U+FFFD", async () => {
    await using session = await openHostileSession([NUL_FROM_A_KERNEL], "shared");
    const rss = serverRss();
    const result = await runBlock(session, 0);
    expect(result.exit).toMatchObject({ exitCode: 1 });
    const row = await stored(result.executionId);
    expect(row.status).toBe("failed");
    expect(row.output).toEqual([
      { stream: "stdout", data: "c\uFFFDd\n" },
      { type: "display", displayId: null, data: { "text/plain": "e\uFFFDf", "text/x-\uFFFD": "g" }, metadata: {} },
      expect.objectContaining({ type: "exception", ename: "ValueError", evalue: "h\uFFFDi" }),
    ]);
    await expectUnharmed(session, rss);
  }, 120_000);
});

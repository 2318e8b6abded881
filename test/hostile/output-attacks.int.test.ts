import { describe, expect, it } from "vitest";
import { getPrisma } from "../../lib/db/client";
import { expectUnharmed, openHostileSession, runBlock, serverRss } from "./hostile-session";

// Attacks through what a block prints: text the database cannot hold as it comes, and output
// flushed in so many pieces that each costs the server more than its bytes.
const MAX_RUN_EVENTS = 2000;
process.env.MAX_RUN_EVENTS = String(MAX_RUN_EVENTS); // read once, when the first test starts

const NUL_FROM_A_PROCESS = String.raw`
import os
os.write(1, b"a\0b\n")
os.write(2, b"\0")`;

const NUL_FROM_A_KERNEL = String.raw`
from IPython.display import display
print("c\0d")
display({"text/plain": "e\0f", "text/x-\0": "g"}, raw=True)
raise ValueError("h\0i")`;

// One byte at a time, each flushed on its own (the pause lets the agent read each alone), forever.
const DRIP_ONE_BYTE = String.raw`
import os, time
while True:
    os.write(1, b"x")
    time.sleep(0.001)`;

// The same on both streams in turn, so that no two pieces can be stored as one.
const DRIP_BOTH_STREAMS = String.raw`
import os, time
while True:
    os.write(1, b"x")
    os.write(2, b"y")
    time.sleep(0.001)`;

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

  for (const [attack, code] of [["one byte flushed at a time", DRIP_ONE_BYTE], ["one byte at a time on stdout and stderr in turn", DRIP_BOTH_STREAMS]] as const) {
    it(`${attack} is stopped past MAX_RUN_EVENTS with a sentence; events, stored items and memory stay bounded`, async () => {
      await using session = await openHostileSession([code]);
      const rss = serverRss();
      const result = await runBlock(session, 0);
      const outputs = result.events.filter((e) => e.type === "output");
      expect(outputs.length).toBeGreaterThan(0);
      expect(outputs.length).toBeLessThanOrEqual(MAX_RUN_EVENTS);
      expect(result.exit).toMatchObject({ exitCode: 143, truncated: true, timedOut: false, cancelled: false, message: expect.stringContaining("more than 2,000 pieces (MAX_RUN_EVENTS)") });
      const row = await stored(result.executionId);
      expect(row).toMatchObject({ status: "failed", truncated: true });
      expect((row.output as unknown[]).length).toBeLessThanOrEqual(MAX_RUN_EVENTS);
      await expectUnharmed(session, rss);
    }, 120_000);
  }
});

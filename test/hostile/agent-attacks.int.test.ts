import { describe, expect, it } from "vitest";
import { testDatabase } from "../fixtures";
import { expectUnharmed, openHostileSession, runBlock, serverRss } from "./hostile-session";

// Attacks on the sandbox's agent (PID 1 of the session container, whose uid blocks share).

// Every signal to PID 1 first, then to every other process the block can see.
const SIGNAL_EVERY_PID = String.raw`
import os
me = os.getpid()
others = sorted(int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, me))
sent = 0
for pid in [1] + others:
    for sig in range(1, 65):
        try:
            os.kill(pid, sig)
            sent += 1
        except OSError:
            pass
print("sent", sent, "to", [1] + others)`;

/** The same user still runs print("ok") afterwards, and in the same session: it was never lost. */
async function expectSameSessionUnharmed(session: Parameters<typeof expectUnharmed>[0], rss: number) {
  const before = session.sessionId;
  await expectUnharmed(session, rss);
  expect(session.sessionId).toBe(before);
}

describe("hostile: the agent", () => {
  it("every signal 1..64 sent to PID 1 and to every pid a block sees leaves the agent serving the same session", async () => {
    await using session = await openHostileSession([SIGNAL_EVERY_PID]);
    const rss = serverRss();
    const result = await runBlock(session, 0);
    expect(result.stdout).toMatch(/^sent \d+ to \[1[,\]]/);
    expect(result.exit).toMatchObject({ exitCode: 0 });
    const { status } = await (await testDatabase()).session.findUniqueOrThrow({ where: { id: session.sessionId } });
    expect(status).not.toBe("ended");
    await expectSameSessionUnharmed(session, rss);
  });
});

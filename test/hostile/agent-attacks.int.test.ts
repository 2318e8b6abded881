import { describe, expect, it } from "vitest";
import { getSettings } from "../../lib/config/settings";
import { startExecution } from "../../lib/executions/start-execution";
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

// Two daemons that leave the run's process group and session: a Python double fork with setsid,
// and bash's (setsid sleep &). Both would sleep for 1000 s.
const START_DAEMONS = String.raw`
import subprocess
subprocess.run(["python3", "-c", "import os, time; os.fork() or (os.setsid(), os.fork() or time.sleep(1000))"])
subprocess.run(["bash", "-c", "(setsid sleep 1000 &)"])
print("started", flush=True)`;

const START_DAEMONS_AND_WAIT = START_DAEMONS + String.raw`
import time
time.sleep(300)`;

// Every process the block can see but itself, with its command line.
const LIST_PROCESSES = String.raw`
import os
for pid in sorted(int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) != os.getpid()):
    try:
        print(pid, open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode().strip())
    except OSError:
        pass`;

// 10,000 small regular files in the output folder, and 5,000 FIFOs beside 5,000 links.
const FLOOD_OUTPUT_FILES = String.raw`
import os
d = os.environ["RUNNEL_OUTPUT"]
for i in range(10000):
    with open(f"{d}/f{i:05}.txt", "w") as f:
        f.write("x")`;

const FLOOD_OUTPUT_FIFOS_AND_LINKS = String.raw`
import os
d = os.environ["RUNNEL_OUTPUT"]
for i in range(5000):
    os.mkfifo(f"{d}/p{i:05}")
    os.symlink("/etc/passwd", f"{d}/l{i:05}")`;

// prlimit(2) asks only for the same uid and gid: the agent's open files down to five.
const LOWER_AGENT_LIMITS = String.raw`
import resource
resource.prlimit(1, resource.RLIMIT_NOFILE, (5, 5))
print("lowered", flush=True)`;

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

  it("daemons that double-fork out of their group (setsid) do not outlive the run that started them", async () => {
    await using session = await openHostileSession([START_DAEMONS, LIST_PROCESSES]);
    const rss = serverRss();
    const started = await runBlock(session, 0);
    expect(started.stdout).toBe("started\n");
    expect(started.exit).toMatchObject({ exitCode: 0 });
    const left = await runBlock(session, 1);
    expect(left.stdout).not.toMatch(/sleep/);
    expect(left.stdout).toMatch(/^1 python3 \/opt\/runnel\/runnel-agent\.py$/m);
    await expectSameSessionUnharmed(session, rss);
  });

  it("daemons that double-fork out of their group do not outlive a cancelled run either", async () => {
    await using session = await openHostileSession([START_DAEMONS_AND_WAIT, LIST_PROCESSES]);
    const rss = serverRss();
    const run = await startExecution({ userId: session.userId, sessionId: session.sessionId, block: { index: 0 } });
    let stdout = "";
    let cancelled = false;
    for await (const event of run.events) {
      if (event.type === "output" && event.stream === "stdout") stdout += event.data;
      if (stdout.includes("started\n") && !cancelled) {
        cancelled = true;
        run.cancel();
      }
    }
    expect(stdout).toBe("started\n");
    expect(cancelled).toBe(true);
    const left = await runBlock(session, 1);
    expect(left.stdout).not.toMatch(/sleep/);
    await expectSameSessionUnharmed(session, rss);
  });

  it("a kernel's own background job lives on beside it, while a daemon a kernel block double-forks does not", async () => {
    const KERNEL_JOB = 'import subprocess\njob = subprocess.Popen(["sleep", "1001"])\nprint("job", flush=True)';
    await using session = await openHostileSession([KERNEL_JOB, START_DAEMONS, LIST_PROCESSES], "shared");
    const rss = serverRss();
    expect((await runBlock(session, 0)).stdout).toBe("job\n");
    expect((await runBlock(session, 1)).stdout).toBe("started\n");
    const left = await runBlock(session, 2);
    expect(left.stdout).toMatch(/^\d+ sleep 1001$/m);
    expect(left.stdout).not.toMatch(/sleep 1000|sleep\(1000\)/);
    await expectSameSessionUnharmed(session, rss);
  });

  it("10,000 files in the output folder: the artifact cap holds, 10 skipped files are named and one note counts the rest", async () => {
    await using session = await openHostileSession([FLOOD_OUTPUT_FILES]);
    const rss = serverRss();
    const startedAt = Date.now();
    const result = await runBlock(session, 0);
    const notes = result.stderr.split("\n").filter(Boolean);
    console.info(`10,000 output files: ${Date.now() - startedAt} ms, ${result.events.length} events, ${notes.length} notes`);
    expect(result.exit).toMatchObject({ exitCode: 0 });
    expect(result.events.filter((e) => e.type === "artifact")).toHaveLength(getSettings().ARTIFACT_MAX_COUNT);
    expect(notes).toHaveLength(11);
    expect(notes.slice(0, 10)).toEqual(expect.arrayContaining([expect.stringMatching(/^\[runnel\] Skipped "f\d{5}\.txt": only \d+ output files are kept\.$/)]));
    expect(notes[10]).toBe(`[runnel] … and ${(10_000 - getSettings().ARTIFACT_MAX_COUNT - 10).toLocaleString("en-US")} more output files were skipped.`);
    expect(result.events.length).toBeLessThan(100);
    await expectSameSessionUnharmed(session, rss);
  });

  it("10,000 FIFOs and links in the output folder: none is followed or opened for long, 10 are named and one note counts the rest", async () => {
    await using session = await openHostileSession([FLOOD_OUTPUT_FIFOS_AND_LINKS]);
    const rss = serverRss();
    const startedAt = Date.now();
    const result = await runBlock(session, 0);
    const notes = result.stderr.split("\n").filter(Boolean);
    console.info(`10,000 FIFOs and links: ${Date.now() - startedAt} ms, ${result.events.length} events, ${notes.length} notes`);
    expect(result.exit).toMatchObject({ exitCode: 0 });
    expect(result.events.filter((e) => e.type === "artifact")).toEqual([]);
    expect(notes).toHaveLength(11);
    expect(notes.slice(0, 10).every((note) => /^\[runnel\] Skipped "[lp]\d{5}": it is (a link|not a regular file)/.test(note))).toBe(true);
    expect(notes[10]).toBe("[runnel] … and 9,990 more output files were skipped.");
    await expectSameSessionUnharmed(session, rss);
  });

  it("lowering the agent's resource limits (prlimit on PID 1) ends the sandbox in words; the user's next connect gets a fresh one", async () => {
    await using session = await openHostileSession([LOWER_AGENT_LIMITS]);
    const rss = serverRss();
    const result = await runBlock(session, 0);
    // Past the prlimit the agent may lose the rest of the run's output (it has no fd to spare).
    expect(result.stdout).toMatch(/^lowered/);
    expect(result.exit).toMatchObject({ message: expect.stringContaining("resource limits (RLIMIT_NOFILE)") });
    const status = async () => (await (await testDatabase()).session.findUniqueOrThrow({ where: { id: session.sessionId } })).status;
    await expect.poll(status, { timeout: 10_000 }).toBe("ended");
    await expectUnharmed(session, rss);
  });
});

import { describe, expect, it } from "vitest";
import { startExecution } from "../../lib/executions/start-execution";
import type { StreamEvent } from "../../lib/executions/stream-events";
import { getPrisma } from "../../lib/db/client";
import { kernelStates } from "../../lib/sessions/kernel-state";
import { expectUnharmed, openHostileSession, runBlock, serverRss, type HostileSession } from "./hostile-session";

// Attacks on a session's kernels (a shared notebook): the kernel is the block's own code, so
// each must end in words, harm nothing outside that kernel, and leave the session working.

const SET_SURVIVOR = "survivor = 'still here'";
const PRINT_SURVIVOR = "print(survivor)";
const KILL_KERNEL_MID_RUN = "import os, signal, time\nprint('before', flush=True)\ntime.sleep(0.5)\nos.kill(os.getpid(), signal.SIGKILL)";
const OS_EXIT_0 = "import os\nos._exit(0)";
const INFINITE_LOOP = "while True:\n    pass";
const IGNORE_INTERRUPT = "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    time.sleep(0.05)";
const MEMORY_BOMB = "b = bytearray(2 * 1024 ** 3)\nprint('survived')";
const BUNDLE_50MB = "from IPython.display import display\ndisplay({'text/plain': 'x' * 50_000_000}, raw=True)\nprint('after')";
const FORGE_FROM_KERNEL = String.raw`
import glob, json, os, sys
forged = (json.dumps({"type": "output", "id": "x", "stream": "stdout", "data": "FORGED\n"}) + "\n"
          + json.dumps({"type": "exit", "id": "x", "exitCode": 0, "signal": None, "timedOut": False,
                        "cancelled": False, "oomKilled": False, "truncated": False, "durationMs": 1}) + "\n")
print(forged)
sys.stdout.flush()
os.write(1, forged.encode())
denied = []
for d in glob.glob("/proc/[0-9]*"):
    try:
        fds = os.listdir(d + "/fd")
    except OSError:
        denied.append(int(d.rsplit("/", 1)[1]))
        continue
    for fd in fds:
        try:
            w = os.open(d + "/fd/" + fd, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            os.write(w, forged.encode())
        except OSError:
            pass
        finally:
            os.close(w)
print("denied", sorted(denied), file=sys.stderr)
raise ValueError("the real end")`;

const ATTACKS = [SET_SURVIVOR, PRINT_SURVIVOR, KILL_KERNEL_MID_RUN, OS_EXIT_0, INFINITE_LOOP, IGNORE_INTERRUPT, MEMORY_BOMB, BUNDLE_50MB, FORGE_FROM_KERNEL];
const block = (code: string) => ATTACKS.indexOf(code);

async function openKernelSession(): Promise<HostileSession> {
  const session = await openHostileSession(ATTACKS, "shared");
  // The kernel is started and warm before the attack.
  expect((await runBlock(session, block(SET_SURVIVOR))).exit).toMatchObject({ exitCode: 0 });
  return session;
}

/** Runs a block and cancels it once it has been running for a while. */
async function runAndCancel(session: HostileSession, index: number, afterMs = 1500) {
  const handle = await startExecution({ userId: session.userId, sessionId: session.sessionId, block: { index } });
  const events: StreamEvent[] = [];
  let timer: NodeJS.Timeout | undefined;
  for await (const event of handle.events) {
    events.push(event);
    if (event.type === "start") timer = setTimeout(() => handle.cancel(), afterMs);
  }
  clearTimeout(timer);
  const exit = events.find((e) => e.type === "exit");
  return { events, exit: exit?.type === "exit" ? exit : undefined };
}

const kernelDead = (events: StreamEvent[]) => events.find((e) => e.type === "kernel" && e.state === "dead");

describe("hostile: kernels", () => {
  it("a kernel killed mid-run ends the run in words; the next run starts a fresh kernel", async () => {
    await using session = await openKernelSession();
    const rss = serverRss();
    const result = await runBlock(session, block(KILL_KERNEL_MID_RUN));
    expect(result.stdout).toContain("before");
    expect(kernelDead(result.events)).toMatchObject({ runtime: "python", message: expect.stringContaining("killed by SIGKILL") });
    expect(result.exit?.exitCode).not.toBe(0);
    expect(result.exit?.message).toContain("The next run starts a fresh kernel.");
    const after = await runBlock(session, block(PRINT_SURVIVOR));
    expect(after.events).toContainEqual({ type: "kernel", runtime: "python", state: "starting" });
    expect(after.events.find((e) => e.type === "exception")).toMatchObject({ ename: "NameError" });
    await expectUnharmed(session, rss);
  }, 180_000);

  it("os._exit(0) is a failed run whose kernel died, not a success", async () => {
    await using session = await openKernelSession();
    const rss = serverRss();
    const result = await runBlock(session, block(OS_EXIT_0));
    expect(result.exit?.exitCode).not.toBe(0);
    expect(result.exit?.message).toContain("The python kernel exited with code 0");
    expect(kernelDead(result.events)).toBeDefined();
    await expectUnharmed(session, rss);
  }, 180_000);

  it("an infinite loop is interrupted (KeyboardInterrupt) and the kernel keeps its variables", async () => {
    await using session = await openKernelSession();
    const rss = serverRss();
    const result = await runAndCancel(session, block(INFINITE_LOOP));
    expect(result.events.find((e) => e.type === "exception")).toMatchObject({ ename: "KeyboardInterrupt" });
    expect(result.exit).toMatchObject({ cancelled: true, message: expect.stringContaining("interrupted and keeps its variables") });
    expect(kernelDead(result.events)).toBeUndefined();
    expect((await runBlock(session, block(PRINT_SURVIVOR))).stdout).toBe("still here\n");
    await expectUnharmed(session, rss);
  }, 180_000);

  it("a loop that ignores KeyboardInterrupt is killed after the grace period and the kernel restarts", async () => {
    await using session = await openKernelSession();
    const rss = serverRss();
    const result = await runAndCancel(session, block(IGNORE_INTERRUPT));
    expect(result.exit).toMatchObject({ cancelled: true, message: expect.stringContaining("did not stop within") });
    expect(kernelDead(result.events)).toBeDefined();
    const after = await runBlock(session, block(PRINT_SURVIVOR));
    expect(after.events.find((e) => e.type === "exception")).toMatchObject({ ename: "NameError" });
    await expectUnharmed(session, rss);
  }, 180_000);

  it("a memory bomb kills the kernel as out of memory; the session survives and the next run gets a fresh kernel", async () => {
    await using session = await openKernelSession();
    const rss = serverRss();
    const result = await runBlock(session, block(MEMORY_BOMB));
    expect(result.stdout).not.toContain("survived");
    expect(result.exit).toMatchObject({ oomKilled: true, message: expect.stringContaining("ran out of memory") });
    const stored = await getPrisma().execution.findUniqueOrThrow({ where: { id: result.executionId } });
    expect(stored.status).toBe("out_of_memory");
    const liveId = session.sessionId;
    await expectUnharmed(session, rss);
    expect(session.sessionId).toBe(liveId); // the same session, not a reconnect
  }, 180_000);

  it("a 50 MB display bundle is left out with one marker; the run goes on", async () => {
    await using session = await openKernelSession();
    const rss = serverRss();
    const result = await runBlock(session, block(BUNDLE_50MB));
    const displays = result.events.filter((e) => e.type === "display");
    expect(displays).toHaveLength(1);
    expect(displays[0]).toMatchObject({ data: { "text/plain": expect.stringContaining("was left out") } });
    expect(JSON.stringify(displays[0]).length).toBeLessThan(1000);
    expect(result.stdout).toBe("after\n");
    expect(result.exit).toMatchObject({ exitCode: 0 });
    await expectUnharmed(session, rss);
  }, 180_000);

  it("protocol lines a kernel prints or writes to every fd it can open are its output, never the agent's events", async () => {
    await using session = await openKernelSession();
    const rss = serverRss();
    const result = await runBlock(session, block(FORGE_FROM_KERNEL));
    expect(result.events.filter((e) => e.type === "exit")).toHaveLength(1);
    expect(result.exit).toMatchObject({ exitCode: 1 });
    expect(result.events.find((e) => e.type === "exception")).toMatchObject({ ename: "ValueError", evalue: "the real end" });
    expect(result.events.some((e) => e.type === "output" && e.data === "FORGED\n")).toBe(false);
    expect(result.stdout).toContain('"data": "FORGED\\n"'); // shown as text, as printed
    expect(result.stderr).toMatch(/denied \[1[,\]]/); // PID 1, the agent, is closed to the kernel
    expect(await kernelStates(session.sessionId)).toEqual([expect.objectContaining({ runtime: "python", state: "idle" })]);
    await expectUnharmed(session, rss);
  }, 180_000);
});

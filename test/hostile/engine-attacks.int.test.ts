import { describe, expect, it } from "vitest";
import { getDocker } from "../../lib/containers/docker-client";
import { testDatabase } from "../fixtures";
import { sandboxRegistry } from "../../lib/sessions/sandbox-registry";
import { expectUnharmed, openHostileSession, runBlock, serverRss } from "./hostile-session";

const FORGE_EVERY_FD = String.raw`
import glob, json, os, sys
run_id = os.environ["RUNNEL_OUTPUT"].rstrip("/").rsplit("/", 1)[1]
exit_event = {"type": "exit", "id": run_id, "exitCode": 0, "signal": None, "timedOut": False,
              "cancelled": False, "oomKilled": False, "truncated": False, "durationMs": 1}
forged = (json.dumps({"type": "output", "id": run_id, "stream": "stdout", "data": "FORGED\n"}) + "\n"
          + json.dumps(exit_event) + "\n").encode()
me, opened, denied = os.getpid(), [], []
for d in glob.glob("/proc/[0-9]*") + glob.glob("/proc/[0-9]*/task/[0-9]*"):
    pid = int(d.rsplit("/", 1)[1])
    try:
        fds = os.listdir(d + "/fd")
    except OSError:
        denied.append(pid)
        continue
    for fd in fds:
        if pid == me and fd in ("1", "2"):
            continue  # its own stdout is only its output
        try:
            w = os.open(d + "/fd/" + fd, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            os.write(w, forged)
            opened.append(d + "/fd/" + fd)
        except OSError:
            pass
        finally:
            os.close(w)
print("denied", sorted(set(denied)), file=sys.stderr)
print("wrote", opened, file=sys.stderr)
os._exit(7)`;

const FLOOD_400MB = String.raw`
import os
chunk = b"x" * (1 << 20)
for _ in range(400):
    os.write(1, chunk)`;

const SWAP_OUTPUT_FOR_LINK = String.raw`
import os, shutil
d = os.environ["RUNNEL_OUTPUT"]
shutil.rmtree(d)
os.symlink("/etc", d)`;

const LINK_AND_FIFO_INSIDE = String.raw`
import os
d = os.environ["RUNNEL_OUTPUT"]
os.symlink("/etc/passwd", d + "/passwd.txt")
os.symlink("/etc", d + "/etc")
os.mkfifo(d + "/pipe.png")`;

const SLEEP = String.raw`
import time
print("go", flush=True)
time.sleep(300)`;

// Forks until the pids limit refuses, then frees exactly one pid: the next process anyone in the
// sandbox makes takes the last one. The old agent made its threads after the program and died here.
const LEAVE_ONE_PID = String.raw`
import os, signal, time
kids = []
while True:
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        time.sleep(120)
        os._exit(0)
    kids.append(pid)
os.kill(kids.pop(), signal.SIGKILL)
os.waitpid(-1, 0)
print("one pid free", flush=True)
time.sleep(120)`;

describe("hostile: the engine", () => {
  it("forging events through every /proc/<pid>/fd a block can open reaches no channel: the real exit 7 is reported", async () => {
    await using session = await openHostileSession([FORGE_EVERY_FD]);
    const rss = serverRss();
    const result = await runBlock(session, 0);
    expect(result.exit).toMatchObject({ exitCode: 7 });
    expect(result.events.filter((e) => e.type === "output" && e.data === "FORGED\n")).toEqual([]);
    expect(result.stderr).toMatch(/^denied \[1[,\]]/m); // the agent (PID 1) is closed to the block
    await expectUnharmed(session, rss);
  });

  it("a newline-less 400 MB flood is capped in the agent and leaves the server's memory flat", async () => {
    await using session = await openHostileSession([FLOOD_400MB]);
    const rss = serverRss();
    const result = await runBlock(session, 0);
    expect(result.exit).toMatchObject({ exitCode: 137, truncated: true, message: expect.stringContaining("passed the output cap") });
    await expectUnharmed(session, rss);
  });

  it("an output folder swapped for a link to /etc yields no artifact, only a note", async () => {
    await using session = await openHostileSession([SWAP_OUTPUT_FOR_LINK]);
    const rss = serverRss();
    const result = await runBlock(session, 0);
    expect(result.exit).toMatchObject({ exitCode: 0 });
    expect(result.events.filter((e) => e.type === "artifact")).toEqual([]);
    expect(result.stderr).toContain("The output folder was replaced by a link");
    await expectUnharmed(session, rss);
  });

  it("links and a FIFO inside the output folder are skipped with notes, never followed or opened for long", async () => {
    await using session = await openHostileSession([LINK_AND_FIFO_INSIDE]);
    const rss = serverRss();
    const result = await runBlock(session, 0);
    expect(result.events.filter((e) => e.type === "artifact")).toEqual([]);
    expect(result.stderr.split("\n").filter(Boolean).sort()).toEqual([
      '[runnel] Skipped "etc": it is a link.',
      '[runnel] Skipped "passwd.txt": it is a link.',
      '[runnel] Skipped "pipe.png": it is not a regular file (a FIFO, socket or device).',
    ]);
    await expectUnharmed(session, rss);
  });

  it("a container killed mid-run ends the run within 2 s with a sentence and ends the session", async () => {
    await using session = await openHostileSession([SLEEP]);
    const rss = serverRss();
    const { containerId } = await (await testDatabase()).session.findUniqueOrThrow({ where: { id: session.sessionId } });
    let killedAt = 0;
    const result = await runBlock(session, 0, async () => {
      await getDocker().getContainer(containerId!).kill();
      killedAt = Date.now();
    });
    expect(Date.now() - killedAt).toBeLessThan(2000);
    expect(result.events.at(-1)).toMatchObject({ type: "error", message: expect.stringMatching(/stopped unexpectedly/) });
    const status = async () => (await (await testDatabase()).session.findUniqueOrThrow({ where: { id: session.sessionId } })).status;
    await expect.poll(status, { timeout: 2000 }).toBe("ended");
    await expectUnharmed(session, rss);
  });

  it("a block that takes all but one pid cannot stop the agent: the next start is refused in words, then all is well", async () => {
    await using session = await openHostileSession([LEAVE_ONE_PID]);
    const rss = serverRss();
    const { startExecution } = await import("../../lib/executions/start-execution");
    const hog = await startExecution({ userId: session.userId, sessionId: session.sessionId, block: { index: 0 } });
    let filled!: () => void;
    const full = new Promise<void>((resolve) => (filled = resolve));
    const hogEvents = (async () => {
      const seen: string[] = [];
      for await (const event of hog.events) {
        seen.push(event.type === "output" ? event.data : event.type);
        if (seen.join("").includes("one pid free")) filled();
      }
      return seen.join("");
    })();
    await full;
    // The sandbox itself (not the API, which may queue or refuse a second run) starts the next
    // program, and nothing else runs in the sandbox while it does: exactly one pid is left.
    const sandbox = sandboxRegistry().get(session.sessionId)!;
    const next = [];
    for await (const event of sandbox.run({ argv: ["true"], timeoutMs: 10_000, outputCapBytes: 1000 }).events) next.push(event);
    expect(next).toContainEqual(expect.objectContaining({ type: "error", message: expect.stringContaining("process limit is used up") }));
    expect(next.at(-1)).toMatchObject({ type: "exit", exitCode: 127 });
    hog.cancel();
    expect(await hogEvents).toContain("one pid free");
    await expectUnharmed(session, rss);
  });
});

import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { createNotebook, createUser, testDatabase } from "../../test/fixtures";
import { getSettings } from "../config/settings";
import { getDocker } from "../containers/docker-client";
import { AppError } from "../http/app-error";
import { connectSession } from "../sessions/connect-session";
import { endSession } from "../sessions/end-session";
import { artifactPath } from "../artifacts/artifact-files";
import { startExecution } from "./start-execution";
import type { StreamEvent } from "./stream-events";

const fence = "```";
// An isolated notebook: each block a fresh process (kernel runs: kernel-runs.int.test.ts).
const notebookContent = [
  "---\nstate: isolated\n---",
  "# Test",
  `${fence}file python utils.py`,
  "def greet(name):\n    return f'hello {name}'",
  fence,
  `${fence}runnable python`,
  "import utils\nprint(utils.greet('reader'))",
  fence,
  `${fence}runnable bash timeout=2`,
  "echo start; sleep 30",
  fence,
  `${fence}runnable python`,
  "import sys\nchunk = 'x' * 1_000_000 + '\\n'\nfor _ in range(50):\n    sys.stdout.write(chunk)\nprint('done', file=sys.stderr)",
  fence,
  `${fence}runnable python`,
  "b = bytearray(2 * 1024 ** 3)\nprint('survived')",
  fence,
  `${fence}runnable bash timeout=3`,
  "bomb() { bomb | bomb & }; bomb",
  fence,
  `${fence}runnable python`,
  "import os, matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.savefig(os.environ['RUNNEL_OUTPUT'] + '/plot.png')\nos.symlink('/etc/passwd', os.environ['RUNNEL_OUTPUT'] + '/stolen.png')",
  fence,
  `${fence}runnable bash`,
  "sleep 300",
  fence,
  `${fence}runnable python`,
  "print('ok')",
  fence,
  `${fence}runnable bash`,
  "head -c 400M /dev/zero > fill.bin; echo \"exit $?\"; rm -f fill.bin",
  fence,
  `${fence}runnable python;rm -rf /`,
  "print('never')",
  fence,
  `${fence}runnable bash`,
  "ps -e -o pid=,pgid=,stat=,comm=",
  fence,
].join("\n");

// Block indexes: 0 file, 1 import, 2 timeout, 3 flood, 4 memory bomb, 5 fork bomb, 6 plot, 7 sleep,
// 8 ok, 9 disk filler, 10 a runtime name with shell metacharacters, 11 the sandbox's processes.

type TestSession = { userId: string; sessionId: string } & AsyncDisposable;

/** A user and a session of their own, so one test's damage cannot cascade into the next. */
async function openSession(): Promise<TestSession> {
  const user = await createUser();
  const notebook = await createNotebook(user.id, notebookContent);
  const { session } = await connectSession({ userId: user.id, notebook });
  return {
    userId: user.id,
    sessionId: session.id,
    [Symbol.asyncDispose]: () => endSession(session.id, "test over"),
  };
}

async function run(
  { userId, sessionId }: TestSession,
  blockIndex: number,
  options: { version?: number; onEvent?: (e: StreamEvent) => void } = {},
) {
  const handle = await startExecution({ userId, sessionId, block: { index: blockIndex }, version: options.version });
  const events: StreamEvent[] = [];
  for await (const event of handle.events) {
    events.push(event);
    options.onEvent?.(event);
    if (event.type === "start" && blockIndex === 7) handle.cancel();
  }
  const text = (stream: string) => events.map((e) => (e.type === "output" && e.stream === stream ? e.data : "")).join("");
  const exit = events.find((e) => e.type === "exit");
  return { handle, events, stdout: text("stdout"), stderr: text("stderr"), exit: exit?.type === "exit" ? exit : undefined };
}

async function stillRuns(session: TestSession) {
  expect((await run(session, 8)).stdout).toBe("ok\n");
}

beforeAll(async () => {
  await testDatabase();
});

describe("running blocks in a session", () => {
  it("runs a block that imports a file block, streaming start, output and exit, and stores it", async () => {
    await using session = await openSession();
    const result = await run(session, 1);
    expect(result.events[0]).toMatchObject({ type: "start", blockIndex: 1 });
    expect(result.stdout).toBe("hello reader\n");
    expect(result.exit).toMatchObject({ exitCode: 0, truncated: false, timedOut: false });
    const prisma = await testDatabase();
    const stored = await prisma.execution.findUniqueOrThrow({ where: { id: result.handle.executionId } });
    expect(stored).toMatchObject({ status: "succeeded", exitCode: 0, userId: session.userId });
    expect(stored.output).toEqual([{ stream: "stdout", data: "hello reader\n" }]);
  });

  it("stops a block at its timeout= attribute and says so", async () => {
    await using session = await openSession();
    const started = Date.now();
    const result = await run(session, 2);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.stdout).toBe("start\n");
    expect(result.exit).toMatchObject({ timedOut: true, message: expect.stringContaining("longer than 2 s") });
    await stillRuns(session);
  });

  // The server's memory during a flood is measured by `npm run bench`, not asserted here.
  it("caps a 50 MB flood at the output limit, marking the run truncated and stopping it with a sentence", async () => {
    const cap = getSettings().EXEC_OUTPUT_MAX_BYTES;
    await using session = await openSession();
    const result = await run(session, 3);
    expect(result.exit).toMatchObject({ exitCode: 137, truncated: true, message: expect.stringContaining("passed the output cap") });
    expect(Buffer.byteLength(result.stdout)).toBeLessThanOrEqual(cap);
    expect(result.stderr).toBe(""); // past the cap, stderr is discarded too
    const stored = await (await testDatabase()).execution.findUniqueOrThrow({ where: { id: result.handle.executionId } });
    expect(stored.truncated).toBe(true);
    expect(JSON.stringify(stored.output).length).toBeLessThan(cap + 1000);
    await stillRuns(session);
  });

  it("reports a memory bomb as out of memory, with exit 137 and the limit in words", async () => {
    await using session = await openSession();
    const result = await run(session, 4);
    expect(result.stdout).toBe("");
    expect(result.exit).toMatchObject({ exitCode: 137, oomKilled: true, message: expect.stringContaining("512 MiB") });
    await stillRuns(session);
  });

  it("survives a fork bomb: the pids limit holds, the whole group is killed and the next run works", async () => {
    await using session = await openSession();
    const result = await run(session, 5);
    expect(result.exit).toMatchObject({ type: "exit" });
    expect(result.events.filter((e) => e.type === "error")).toEqual([]);
    // Only the agent (PID 1) and this block's own shell and ps are left: no bomb process, no zombie.
    const processes = (await run(session, 11)).stdout.trim().split("\n").map((line) => line.trim().split(/\s+/));
    expect(processes.map(([, , state, command]) => `${state?.[0]} ${command}`).sort()).toEqual(["R ps", "S bash", "S python3"]);
    expect(processes.find(([pid]) => pid === "1")?.[3]).toBe("python3");
    await stillRuns(session);
  });

  it("keeps a plot as an artifact and refuses a planted symlink", async () => {
    await using session = await openSession();
    const result = await run(session, 6);
    const artifacts = result.events.filter((e) => e.type === "artifact");
    expect(artifacts).toEqual([
      expect.objectContaining({ name: "plot.png", mime: "image/png", url: expect.stringMatching(/\/artifacts\/plot\.png$/) }),
    ]);
    // The agent sends regular files only: the link is never followed, only named in a note.
    expect(result.stderr).toBe('[runnel] Skipped "stolen.png": it is a link.\n');
    const png = readFileSync(artifactPath(getSettings().dataDir, result.handle.executionId, "plot.png"));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it("cancels a sleep 300 block promptly", async () => {
    await using session = await openSession();
    const started = Date.now();
    const result = await run(session, 7);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.exit).toMatchObject({ cancelled: true, message: "The block was cancelled." });
  });

  it("refuses a stale version, a missing block and a file block with clear errors, running nothing", async () => {
    await using session = await openSession();
    await expect(run(session, 1, { version: 999 })).rejects.toMatchObject({ code: "conflict" });
    await expect(run(session, 42)).rejects.toMatchObject({ code: "not_found", message: "Block 42 is not in the notebook." });
    await expect(run(session, 0)).rejects.toMatchObject({ code: "unprocessable" });
    await stillRuns(session);
  });

  it("fills the workspace to its cap with ENOSPC inside the sandbox, not on the host", async () => {
    await using session = await openSession();
    const result = await run(session, 9);
    expect(result.stderr).toMatch(/No space left on device|File too large/);
    expect(result.stdout).not.toBe("exit 0\n");
    await stillRuns(session);
  });

  it("refuses a block whose runtime name carries shell metacharacters, running nothing", async () => {
    await using session = await openSession();
    await expect(run(session, 10)).rejects.toMatchObject({ code: "unprocessable", message: expect.stringContaining("Unknown runtime") });
    await stillRuns(session);
  });

  it("answers 404 for another user's session", async () => {
    await using session = await openSession();
    const { sessionId } = session;
    const stranger = await createUser("Stranger");
    const error = await startExecution({ userId: stranger.id, sessionId, block: { index: 8 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "not_found" });
  });
});

describe("sessions", () => {
  it("gives concurrent connects by one user one container, and another user their own", async () => {
    const owner = await createUser();
    const notebook = await createNotebook(owner.id, "```runnable bash\nhostname\n```");
    const [a, b] = await Promise.all([connectSession({ userId: owner.id, notebook }), connectSession({ userId: owner.id, notebook })]);
    expect(a.session.id).toBe(b.session.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const reader = await createUser();
    const theirs = await connectSession({ userId: reader.id, notebook });
    expect(theirs.session.containerId).not.toBe(a.session.containerId);
    await endSession(a.session.id, "test over");
    await endSession(theirs.session.id, "test over");
    const prisma = await testDatabase();
    expect((await prisma.session.findUniqueOrThrow({ where: { id: a.session.id } })).status).toBe("ended");
    await expect(getDocker().getContainer(a.session.containerId!).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it("brings changed and removed file blocks up to date before the next run", async () => {
    const owner = await createUser();
    const prisma = await testDatabase();
    const notebook = await createNotebook(
      owner.id,
      "```file text a.txt\none\n```\n```file text b.txt\nbee\n```\n```runnable bash\ncat a.txt; ls\n```",
    );
    const { session } = await connectSession({ userId: owner.id, notebook });
    try {
      await prisma.notebook.update({
        where: { id: notebook.id },
        data: { content: "```file text a.txt\ntwo\n```\n```runnable bash\ncat a.txt; ls\n```", version: { increment: 1 } },
      });
      const handle = await startExecution({ userId: owner.id, sessionId: session.id, block: { index: 1 } });
      let out = "";
      for await (const e of handle.events) if (e.type === "output") out += e.data;
      expect(out).toBe("two\na.txt\n");
    } finally {
      await endSession(session.id, "test over");
    }
  });

  it("says clearly when the container died, and a new connect starts a fresh one", async () => {
    const owner = await createUser();
    const notebook = await createNotebook(owner.id, "```runnable python\nprint('ok')\n```");
    const { session } = await connectSession({ userId: owner.id, notebook });
    await getDocker().getContainer(session.containerId!).kill();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await expect(startExecution({ userId: owner.id, sessionId: session.id, block: { index: 0 } })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/stopped unexpectedly|has ended/),
    });
    const fresh = await connectSession({ userId: owner.id, notebook });
    expect(fresh.created).toBe(true);
    expect(fresh.session.id).not.toBe(session.id);
    await endSession(fresh.session.id, "test over");
    await getDocker().getContainer(session.containerId!).remove({ force: true }).catch(() => undefined);
  });
});

import { existsSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import type { AgentRequest } from "../../lib/containers/agent-protocol";
import { processesMatching, python, startAgent, uniqueSleep } from "./agent-harness";

// Each test starts real Python processes; on a busy machine (CI beside a browser) that alone can
// take seconds, so the budget is generous and the timing assertions say what they mean.
describe("runnel-agent", { timeout: 20_000 }, () => {
  it("announces itself with a ready event carrying its pid", async () => {
    await using agent = await startAgent();
    expect(agent.received[0]?.event).toEqual({ type: "ready", version: 1, pid: agent.child.pid });
  });

  it("answers a ping with a pong carrying the same id", async () => {
    await using agent = await startAgent();
    agent.send({ op: "ping", id: "p-1" });
    expect((await agent.waitForEvent("pong")).event).toEqual({ type: "pong", id: "p-1" });
  });

  it("tags stdout and stderr, reports the exit code, and ends the run with its exit event", async () => {
    await using agent = await startAgent();
    const { exit, stdout, stderr, events } = await agent.run({ id: "r", argv: ["bash", "-c", "echo out; echo err >&2; exit 3"] });
    expect(stdout).toBe("out\n");
    expect(stderr).toBe("err\n");
    expect(exit).toMatchObject({ exitCode: 3, signal: null, timedOut: false, cancelled: false, oomKilled: false, truncated: false });
    expect(events[0]?.type).toBe("started");
    expect(events.at(-1)?.type).toBe("exit");
  });

  it("reports a program killed by a signal with a null exit code and the signal's name", async () => {
    await using agent = await startAgent();
    const { exit } = await agent.run({ id: "r", argv: python("import os, signal; os.kill(os.getpid(), signal.SIGTERM)") });
    expect(exit).toMatchObject({ exitCode: null, signal: "SIGTERM", timedOut: false, cancelled: false });
  });

  it("streams output as it is printed, not when the program ends", async () => {
    await using agent = await startAgent();
    const argv = python("import time; print('first', flush=True); time.sleep(2); print('second', flush=True)");
    agent.send({ op: "run", id: "r", argv, timeoutMs: 10_000, outputCapBytes: 1000 });
    await agent.waitForEvent("exit", "r");
    // A print may arrive in more than one read (text, then newline): time each line by the
    // event that completes it.
    let text = "";
    const completedAt = new Map<string, number>();
    for (const { event, at } of agent.received) {
      if (event.type !== "output") continue;
      text += event.data;
      for (const line of ["first\n", "second\n"]) if (text.includes(line) && !completedAt.has(line)) completedAt.set(line, at);
    }
    expect(text).toBe("first\nsecond\n");
    expect(completedAt.get("second\n")! - completedAt.get("first\n")!).toBeGreaterThan(1000);
  });

  it("keeps a multi-byte character whole when its bytes arrive in separate reads", async () => {
    await using agent = await startAgent();
    const code = "import sys, time\nfor b in 'é🙂'.encode():\n  sys.stdout.buffer.write(bytes([b])); sys.stdout.flush(); time.sleep(0.03)";
    const { stdout, events } = await agent.run({ id: "r", argv: python(code) });
    expect(stdout).toBe("é🙂");
    const outputs = events.flatMap((e) => (e.type === "output" ? [e.data] : []));
    expect(outputs.every((data) => !data.includes("\uFFFD"))).toBe(true);
  });

  it("replaces invalid UTF-8 bytes with U+FFFD", async () => {
    await using agent = await startAgent();
    const { stdout } = await agent.run({ id: "r", argv: ["bash", "-c", "printf 'a\\xffb'"] });
    expect(stdout).toBe("a\uFFFDb");
  });

  // Wide margins (2 s against 0.2 s): Python's start-up alone can take most of a second here
  // when the machine is busy.
  it("runs two programs at once and keeps each one's output under its own id", async () => {
    await using agent = await startAgent();
    agent.send({ op: "run", id: "slow", argv: python("import time; print('A1', flush=True); time.sleep(2); print('A2')"), timeoutMs: 10_000, outputCapBytes: 1000 });
    agent.send({ op: "run", id: "fast", argv: python("import time; time.sleep(0.2); print('B1')"), timeoutMs: 10_000, outputCapBytes: 1000 });
    const slowFirst = await agent.waitForEvent("output", "slow");
    const fastExit = await agent.waitForEvent("exit", "fast");
    const slowExit = await agent.waitForEvent("exit", "slow");
    expect(slowFirst.at).toBeLessThan(fastExit.at);
    expect(fastExit.at).toBeLessThan(slowExit.at);
    const stdoutOf = (id: string) => agent.events(id).flatMap((e) => (e.type === "output" ? [e.data] : [])).join("");
    expect(stdoutOf("slow")).toBe("A1\nA2\n");
    expect(stdoutOf("fast")).toBe("B1\n");
  });

  it("kills a program that runs past its timeout", async () => {
    await using agent = await startAgent();
    const startedAt = performance.now();
    const { exit } = await agent.run({ id: "r", argv: ["sleep", "30"], timeoutMs: 300 });
    expect(exit).toMatchObject({ exitCode: null, signal: "SIGKILL", timedOut: true, cancelled: false, oomKilled: false });
    expect(exit.durationMs).toBeGreaterThanOrEqual(300);
    expect(performance.now() - startedAt).toBeLessThan(1500);
  });

  it("kills the whole process group on cancel and ends the run within a second", async () => {
    await using agent = await startAgent();
    const sleep = uniqueSleep();
    agent.send({ op: "run", id: "r", argv: ["bash", "-c", `sleep ${sleep} & sleep ${sleep}`], timeoutMs: 60_000, outputCapBytes: 1000 });
    await agent.waitForEvent("started", "r");
    expect(await processesMatching(`sleep ${sleep}`, 0)).not.toEqual([]);
    const cancelledAt = performance.now();
    agent.send({ op: "cancel", id: "r" });
    const exit = await agent.waitForEvent("exit", "r");
    expect(exit.at - cancelledAt).toBeLessThan(1500);
    expect(exit.event).toMatchObject({ cancelled: true, timedOut: false });
    expect(await processesMatching(`sleep ${sleep}`)).toEqual([]);
  });

  it("follows a cancel with SIGKILL when the program ignores SIGTERM", async () => {
    await using agent = await startAgent();
    const sleep = uniqueSleep();
    const argv = ["bash", "-c", `trap '' TERM; echo trapped; sleep ${sleep}`];
    agent.send({ op: "run", id: "r", argv, timeoutMs: 60_000, outputCapBytes: 1000 });
    await agent.waitForEvent("output", "r");
    const cancelledAt = performance.now();
    agent.send({ op: "cancel", id: "r" });
    const exit = await agent.waitForEvent("exit", "r");
    expect(exit.at - cancelledAt).toBeGreaterThanOrEqual(450);
    expect(exit.at - cancelledAt).toBeLessThan(1500);
    expect(exit.event).toMatchObject({ cancelled: true, signal: "SIGKILL" });
    expect(await processesMatching(`sleep ${sleep}`)).toEqual([]);
  });

  it("ends a run when its main process exits, killing children left in the background", async () => {
    await using agent = await startAgent();
    const sleep = uniqueSleep();
    const startedAt = performance.now();
    const { exit, stdout } = await agent.run({ id: "r", argv: ["bash", "-c", `sleep ${sleep} & echo done`] });
    expect(performance.now() - startedAt).toBeLessThan(1000);
    expect(exit).toMatchObject({ exitCode: 0, signal: null });
    expect(stdout).toBe("done\n");
    expect(await processesMatching(`sleep ${sleep}`)).toEqual([]);
  });

  it("stops forwarding output at the cap with one truncated event, and stops the program with a sentence", async () => {
    await using agent = await startAgent();
    const code = "import sys\nfor _ in range(50): sys.stdout.write('é' * 2000); sys.stderr.write('x' * 2000)\nprint('finished', file=sys.stderr)";
    const cap = 1001;
    const { exit, events } = await agent.run({ id: "r", argv: python(code), outputCapBytes: cap });
    expect(exit).toMatchObject({ exitCode: null, signal: "SIGKILL", truncated: true, cancelled: false, timedOut: false, oomKilled: false });
    expect(exit.message).toBe("The block passed the output cap of 1001 bytes (EXEC_OUTPUT_MAX_BYTES) and was stopped.");
    const types = events.map((e) => e.type);
    expect(types.filter((type) => type === "truncated")).toHaveLength(1);
    expect(types.lastIndexOf("output")).toBeLessThan(types.indexOf("truncated"));
    const forwarded = events.flatMap((e) => (e.type === "output" ? [e.data] : [])).join("");
    expect(Buffer.byteLength(forwarded)).toBeLessThanOrEqual(cap);
    expect(Buffer.byteLength(forwarded)).toBeGreaterThanOrEqual(cap - 1);
    expect(forwarded).not.toContain("\uFFFD");
  });

  it("removes the artifacts directory when the run left it empty", async () => {
    await using agent = await startAgent();
    const artifactsDir = path.join(agent.dir, ".runnel", "artifacts", "empty");
    const { exit } = await agent.run({ id: "r", argv: python("import os; print(os.path.isdir(os.environ['RUNNEL_OUTPUT']))"), artifactsDir });
    expect(exit.exitCode).toBe(0);
    expect(existsSync(artifactsDir)).toBe(false);
  });

  it("sends the regular files in the artifacts directory in chunks, skipping links, folders and FIFOs with a note", async () => {
    await using agent = await startAgent();
    const artifactsDir = path.join(agent.dir, ".runnel", "artifacts", "r");
    const code = [
      "import os",
      "d = os.environ['RUNNEL_OUTPUT']",
      "open(os.path.join(d, 'b.txt'), 'w').write('hello')",
      "open(os.path.join(d, 'a.png'), 'wb').write(bytes(range(256)) * 400)",
      "os.mkdir(os.path.join(d, 'nested'))",
      "os.mkfifo(os.path.join(d, 'pipe'))",
      "os.symlink('/etc/hostname', os.path.join(d, 'link.txt'))",
      "print(d)",
    ].join("\n");
    const { exit, stdout, events } = await agent.run({ id: "r", argv: python(code), artifactsDir });
    expect(exit.exitCode).toBe(0);
    expect(stdout).toBe(`${artifactsDir}\n`);
    const content = (name: string) =>
      Buffer.concat(events.flatMap((e) => (e.type === "artifact-chunk" && e.name === name ? [Buffer.from(e.data, "base64")] : [])));
    expect(events.filter((e) => e.type === "artifact-chunk" && e.name === "a.png").length).toBeGreaterThan(1);
    expect(content("a.png")).toEqual(Buffer.from(Array.from({ length: 400 }, () => [...Array(256).keys()]).flat()));
    expect(content("b.txt").toString()).toBe("hello");
    expect(events.filter((e) => e.type === "artifact")).toEqual([
      { type: "artifact", id: "r", name: "a.png", bytes: 102_400 },
      { type: "artifact", id: "r", name: "b.txt", bytes: 5 },
    ]);
    expect(events.filter((e) => e.type === "artifact-skipped").map((e) => e.type === "artifact-skipped" && [e.name, e.reason])).toEqual([
      ["link.txt", "it is a link"],
      ["nested", "it is a folder"],
      ["pipe", "it is not a regular file (a FIFO, socket or device)"],
    ]);
    expect(statSync(artifactsDir).mode & 0o777).toBe(0o700);
    expect(lstatSync(path.join(artifactsDir, "link.txt")).isSymbolicLink()).toBe(true);
  });

  it("ends the sandbox, saying why, when a block lowers the agent's own resource limits (which it cannot undo)", async () => {
    await using agent = await startAgent();
    const code = "import os, resource; resource.prlimit(os.getppid(), resource.RLIMIT_NOFILE, (64, 64))";
    const { exit } = await agent.run({ id: "r", argv: python(code) });
    expect(exit.exitCode).toBe(0);
    expect(exit.message).toMatch(/changed the sandbox agent's resource limits \(RLIMIT_NOFILE\).*Connect again/);
    expect(await agent.exited).toBe(70);
  });

  it("names the first 10 output files it skips and counts the rest in one note", async () => {
    await using agent = await startAgent();
    const artifactsDir = path.join(agent.dir, "out");
    const code = "import os\nfor i in range(30):\n    os.symlink('/etc/hostname', os.path.join(os.environ['RUNNEL_OUTPUT'], f'l{i:02}'))";
    const { exit, events } = await agent.run({ id: "r", argv: python(code), artifactsDir });
    expect(exit.exitCode).toBe(0);
    const notes = events.flatMap((e) => (e.type === "artifact-skipped" ? [[e.name, e.reason]] : []));
    expect(notes).toEqual([
      ...Array.from({ length: 10 }, (_, i) => [`l${String(i).padStart(2, "0")}`, "it is a link"]),
      ["", "… and 20 more output files were skipped."],
    ]);
  });

  it("collects nothing from an artifacts directory swapped for a link, and says so", async () => {
    await using agent = await startAgent();
    const artifactsDir = path.join(agent.dir, "out");
    const code = `import os, shutil; d = os.environ['RUNNEL_OUTPUT']; shutil.rmtree(d); os.symlink('/etc', d)`;
    const { exit, events } = await agent.run({ id: "r", argv: python(code), artifactsDir });
    expect(exit.exitCode).toBe(0);
    expect(events.filter((e) => e.type === "artifact" || e.type === "artifact-chunk")).toEqual([]);
    expect(events.filter((e) => e.type === "artifact-skipped")).toEqual([
      expect.objectContaining({ reason: expect.stringContaining("replaced by a link") }),
    ]);
  });

  it("runs in the requested directory with the request's env merged over its own", async () => {
    await using agent = await startAgent({ RUNNEL_TEST_INHERITED: "from-agent" });
    const code = "import os; print(os.getcwd(), os.environ['RUNNEL_TEST_INHERITED'], os.environ['GREETING'])";
    const { stdout } = await agent.run({ id: "r", argv: python(code), cwd: "/", env: { GREETING: "hello" } });
    expect(stdout).toBe("/ from-agent hello\n");
  });

  it("writes the request's files before starting, replacing a planted link instead of following it", async () => {
    await using agent = await startAgent();
    const target = path.join(agent.dir, "target.txt");
    writeFileSync(target, "untouched");
    symlinkSync(target, path.join(agent.dir, ".block.py"));
    const { stdout } = await agent.run({
      id: "r",
      argv: ["python3", ".block.py"],
      files: [
        { path: ".block.py", content: "import helper; print(helper.X)" },
        { path: "pkg/helper.py", content: "X = 1" },
        { path: "helper.py", content: "X = 'from the workspace'" },
      ],
    });
    expect(stdout).toBe("from the workspace\n");
    expect(readFileSync(target, "utf8")).toBe("untouched");
    expect(lstatSync(path.join(agent.dir, ".block.py")).isSymbolicLink()).toBe(false);
  });

  it("refuses files whose paths leave the working directory, starting nothing", async () => {
    await using agent = await startAgent();
    const { exit } = await agent.run({ id: "r", argv: ["true"], files: [{ path: "../escape.txt", content: "x" }] });
    expect(exit.exitCode).toBe(127);
    expect(agent.events("r").find((e) => e.type === "error")).toMatchObject({ message: expect.stringContaining("files must be") });
  });

  it("answers bad requests with error events and keeps serving", async () => {
    await using agent = await startAgent();
    agent.sendRaw("this is not json\n");
    agent.sendRaw("[1, 2]\n");
    agent.sendRaw('{"op":"fly","id":"x"}\n');
    agent.sendRaw('{"op":"run","id":"bad","argv":[],"timeoutMs":1000,"outputCapBytes":10}\n');
    agent.send({ op: "ping", id: "still-there" });
    await agent.waitForEvent("pong", "still-there");
    const errors = agent.received.flatMap((r) => (r.event.type === "error" ? [r.event.id] : []));
    expect(errors).toEqual([null, null, "x", "bad"]);
    expect(agent.events("bad").map((e) => e.type)).toEqual(["error", "exit"]);
    expect((await agent.waitForEvent("exit", "bad")).event.exitCode).toBe(127);
  });

  it("reports a command that does not exist as an error, then exit code 127", async () => {
    await using agent = await startAgent();
    const { exit, events } = await agent.run({ id: "r", argv: ["runnel-no-such-command"] });
    expect(events.map((e) => e.type)).toEqual(["error", "exit"]);
    expect(events[0]).toMatchObject({ message: expect.stringContaining("runnel-no-such-command") });
    expect(exit).toMatchObject({ exitCode: 127, signal: null });
  });

  it("refuses a second run with an id that is still in flight", async () => {
    await using agent = await startAgent();
    const request: AgentRequest = { op: "run", id: "r", argv: ["sleep", "30"], timeoutMs: 60_000, outputCapBytes: 10 };
    agent.send(request);
    agent.send(request);
    await agent.waitForEvent("error", "r");
    agent.send({ op: "cancel", id: "r" });
    await agent.waitForEvent("exit", "r");
    // The refusal comes from the reading thread, `started` from the run's own: their order is free.
    expect(agent.events("r").map((e) => e.type).sort()).toEqual(["error", "exit", "started"]);
  });

  it("reports oomKilled when the cgroup's oom_kill counter rises and the program died by SIGKILL", async () => {
    await using agent = await startAgent();
    const memoryEvents = path.join(agent.dir, "memory.events");
    writeFileSync(memoryEvents, "oom 0\noom_kill 0\n");
    await using oomAgent = await startAgent({ RUNNEL_MEMORY_EVENTS: memoryEvents });
    const selfKill = "import os, signal; os.kill(os.getpid(), signal.SIGKILL)";
    const bump = `open(${JSON.stringify(memoryEvents)}, 'w').write('oom 1\\noom_kill 1\\n'); `;
    expect((await oomAgent.run({ id: "oom", argv: python(bump + selfKill) })).exit).toMatchObject({ signal: "SIGKILL", oomKilled: true });
    expect((await oomAgent.run({ id: "plain", argv: python(selfKill) })).exit).toMatchObject({ signal: "SIGKILL", oomKilled: false });
    expect(readFileSync(memoryEvents, "utf8")).toContain("oom_kill 1");
  });

  it("exits 0 and kills running programs when its stdin closes", async () => {
    await using agent = await startAgent();
    const sleep = uniqueSleep();
    agent.send({ op: "run", id: "r", argv: ["sleep", sleep], timeoutMs: 60_000, outputCapBytes: 10 });
    await agent.waitForEvent("started", "r");
    agent.child.stdin.end();
    expect(await agent.exited).toBe(0);
    expect(await processesMatching(`sleep ${sleep}`)).toEqual([]);
  });

  it("exits 0 and kills running programs on SIGTERM", async () => {
    await using agent = await startAgent();
    const sleep = uniqueSleep();
    agent.send({ op: "run", id: "r", argv: ["bash", "-c", `sleep ${sleep} & sleep ${sleep}`], timeoutMs: 60_000, outputCapBytes: 10 });
    await agent.waitForEvent("started", "r");
    agent.child.kill("SIGTERM");
    expect(await agent.exited).toBe(0);
    expect(await processesMatching(`sleep ${sleep}`)).toEqual([]);
  });
});

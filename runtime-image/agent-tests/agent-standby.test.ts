import { describe, expect, it } from "vitest";
import { processesMatching, startAgent, uniqueSleep } from "./agent-harness";

// A run's `source` (a script on a pipe the program names as {source}) and `standby` (the program
// started ahead of the run that takes it): what the R runner's pool uses to skip R's start-up.

/** A Python program that reports its pid and start time at once, then runs its source. */
const program = (marker = "") => [
  "python3",
  "-c",
  "import os, sys, time; print('pid', os.getpid(), time.time(), flush=True); exec(open(sys.argv[1]).read())",
  "{source}",
  ...(marker ? [marker] : []),
];

describe("runnel-agent: source and standby", { timeout: 20_000 }, () => {
  it("gives a run its source on a pipe named in argv, with stdin still empty", async () => {
    await using agent = await startAgent();
    const source = "import sys; print(sys.argv[1].startswith('/dev/fd/'), repr(sys.stdin.read()))";
    const { exit, stdout } = await agent.run({ id: "r", argv: ["python3", "-c", "import sys; exec(open(sys.argv[1]).read())", "{source}"], source });
    expect(exit.exitCode).toBe(0);
    expect(stdout).toBe("True ''\n");
  });

  it("hands the run the program waiting in standby with the same shape, started before the request", async () => {
    await using agent = await startAgent();
    const shape = { argv: program(), cwd: agent.dir, env: { SHAPE: "a" } };
    agent.send({ op: "standby", id: "s", ...shape });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const requested = Date.now() / 1000;
    const { exit, stdout, events } = await agent.run({ id: "r", ...shape, source: "print('ran', os.environ['SHAPE'])" });
    expect(exit.exitCode).toBe(0);
    const [, pid, startedAt] = stdout.split("\n")[0]!.split(" ");
    expect(stdout.split("\n")[1]).toBe("ran a");
    expect(events.find((e) => e.type === "started")).toMatchObject({ pid: Number(pid) });
    expect(Number(startedAt)).toBeLessThan(requested);
    // Taken once: the next run of that shape starts its own program.
    const second = await agent.run({ id: "r2", ...shape, source: "print('again')" });
    expect(second.stdout).toMatch(/^pid \d+ [\d.]+\nagain\n$/);
    expect(second.stdout.split(" ")[1]).not.toBe(pid);
  });

  it("leaves the standby waiting for a run of another shape", async () => {
    await using agent = await startAgent();
    agent.send({ op: "standby", id: "s", argv: program(), cwd: agent.dir, env: { SHAPE: "a" } });
    const other = await agent.run({ id: "r1", argv: program(), cwd: agent.dir, env: { SHAPE: "b" }, source: "pass" });
    const same = await agent.run({ id: "r2", argv: program(), cwd: agent.dir, env: { SHAPE: "a" }, source: "pass" });
    const pidOf = (run: typeof other) => run.events.find((e) => e.type === "started");
    expect(pidOf(other)).not.toEqual(pidOf(same));
    expect([other.exit.exitCode, same.exit.exitCode]).toEqual([0, 0]);
  });

  it("feeds a source larger than a pipe holds, and still times out a program that never reads it", async () => {
    await using agent = await startAgent();
    const big = `n = 0\n${"n += 1\n".repeat(100_000)}print(n)`;
    const read = await agent.run({ id: "big", argv: ["python3", "{source}"], source: big });
    expect(read.stdout).toBe("100000\n");
    const started = performance.now();
    const stuck = await agent.run({ id: "stuck", argv: ["python3", "-c", "import time; time.sleep(60)", "{source}"], source: "x".repeat(1 << 20), timeoutMs: 500 });
    expect(stuck.exit.timedOut).toBe(true);
    expect(performance.now() - started).toBeLessThan(10_000);
    // The agent kept serving throughout.
    agent.send({ op: "ping", id: "p" });
    await agent.waitForEvent("pong", "p");
  });

  it("refuses a standby with a bad shape in words, and kills a waiting one when the agent stops", async () => {
    await using agent = await startAgent();
    agent.sendRaw(`${JSON.stringify({ op: "standby", id: "bad", argv: [] })}\n`);
    const { event } = await agent.waitForEvent("error", "bad");
    expect(event.message).toBe("argv must be a non-empty list of strings.");
    const marker = uniqueSleep();
    agent.send({ op: "standby", id: "s", argv: program(marker), cwd: agent.dir });
    await expect.poll(() => processesMatching(marker, 0), { timeout: 10_000 }).not.toEqual([]);
    agent.child.stdin.end();
    expect(await agent.exited).toBe(0);
    expect(await processesMatching(marker, 2000)).toEqual([]);
  });
});

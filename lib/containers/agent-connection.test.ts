import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { AgentConnection, LINE_TOO_LONG, SandboxGoneError, type RunEvent } from "./agent-connection";

// The real agent, on the host, over its stdin/stdout: the same streams Docker's attach carries.
const AGENT = path.resolve("runtime-image/runtime/agent/runnel-agent.py");

let agent: ChildProcessWithoutNullStreams | undefined;
let workdir: string | undefined;

function connect(): AgentConnection {
  workdir = mkdtempSync(path.join(os.tmpdir(), "runnel-agent-conn-"));
  agent = spawn("python3", [AGENT], { cwd: workdir });
  return new AgentConnection(agent.stdin, agent.stdout, () => {});
}

const stdout = (events: RunEvent[]) =>
  events.map((e) => (e.type === "output" && e.stream === "stdout" ? e.data : "")).join("");

async function collect(events: AsyncIterable<RunEvent>): Promise<RunEvent[]> {
  const all: RunEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

const spec = (code: string) => ({ argv: ["python3", "-c", code], timeoutMs: 10_000, outputCapBytes: 100_000 });

afterEach(() => {
  agent?.kill("SIGKILL");
  if (workdir) rmSync(workdir, { recursive: true, force: true });
  agent = workdir = undefined;
});

describe("AgentConnection", () => {
  it("waits for the agent's ready event, then runs a program to its exit", async () => {
    const connection = connect();
    await connection.waitUntilReady();
    const events = await collect(connection.run(spec("print('hello')")).events);
    expect(events[0]).toMatchObject({ type: "started" });
    expect(stdout(events)).toBe("hello\n");
    expect(events.at(-1)).toMatchObject({ type: "exit", exitCode: 0 });
  });

  it("routes the events of concurrent runs to the right run", async () => {
    const connection = connect();
    await connection.waitUntilReady();
    const runs = Array.from({ length: 5 }, (_, i) => connection.run(spec(`import time; time.sleep(0.05 * ${5 - i}); print(${i})`)));
    const results = await Promise.all(runs.map((run) => collect(run.events)));
    results.forEach((events, i) => {
      expect(stdout(events)).toBe(`${i}\n`);
    });
  });

  it("cancels a run, which ends with a cancelled exit", async () => {
    const connection = connect();
    await connection.waitUntilReady();
    const run = connection.run(spec("import time; print('go', flush=True); time.sleep(300)"));
    const seen: RunEvent[] = [];
    for await (const event of run.events) {
      seen.push(event);
      if (event.type === "output") connection.cancel(run.id);
    }
    expect(seen.at(-1)).toMatchObject({ type: "exit", cancelled: true });
  });

  it("answers a ping once ready, as after re-attaching to a running sandbox", async () => {
    const connection = connect();
    await connection.ping();
    await connection.waitUntilReady(10);
  });

  it("fails open runs with SandboxGoneError when the agent dies, and refuses new ones", async () => {
    const connection = connect();
    await connection.waitUntilReady();
    const run = connection.run(spec("import time; time.sleep(300)"));
    const drained = collect(run.events);
    agent!.kill("SIGKILL");
    await expect(drained).rejects.toBeInstanceOf(SandboxGoneError);
    expect(await connection.closed).toBeInstanceOf(SandboxGoneError);
    expect(connection.alive).toBe(false);
    expect(() => connection.run(spec("print(1)"))).toThrow(SandboxGoneError);
  });
});

describe("AgentConnection against a hostile stream", () => {
  const line = (event: object) => `${JSON.stringify(event)}\n`;

  function fakeAgent() {
    const toAgent = new PassThrough();
    const fromAgent = new PassThrough();
    const requests: Array<{ op: string; id: string }> = [];
    toAgent.on("data", (chunk: Buffer) => {
      for (const text of chunk.toString().split("\n").filter(Boolean)) requests.push(JSON.parse(text));
    });
    const connection = new AgentConnection(toAgent, fromAgent, () => {});
    fromAgent.write(line({ type: "ready", version: 1, pid: 1 }));
    return { connection, fromAgent, requests };
  }
  const exitLine = (fields: object = {}) =>
    line({ type: "exit", id: "r", exitCode: 0, signal: null, timedOut: false, cancelled: false, oomKilled: false, truncated: false, durationMs: 1, ...fields });

  it("ends the connection with a sentence at a line longer than 1 MiB, without waiting for its newline", async () => {
    const { connection, fromAgent } = fakeAgent();
    await connection.waitUntilReady();
    const run = connection.run({ argv: ["true"], timeoutMs: 1000, outputCapBytes: 100 }, "r");
    const chunk = "x".repeat(256 * 1024);
    for (let i = 0; i < 5; i++) fromAgent.write(chunk);
    const gone = await connection.closed;
    expect(gone.message).toBe(LINE_TOO_LONG);
    await expect(collect(run.events)).rejects.toBeInstanceOf(SandboxGoneError);
  });

  it("holds output past the run's cap back on the server, whatever the agent sends", async () => {
    const { connection, fromAgent } = fakeAgent();
    await connection.waitUntilReady();
    const run = connection.run({ argv: ["true"], timeoutMs: 1000, outputCapBytes: 10 }, "r");
    for (let i = 0; i < 5; i++) fromAgent.write(line({ type: "output", id: "r", stream: "stdout", data: "abcdef" }));
    const exit = { type: "exit", id: "r", exitCode: 0, signal: null, timedOut: false, cancelled: false, oomKilled: false, truncated: false, durationMs: 1 };
    fromAgent.write(line(exit));
    const events = await collect(run.events);
    expect(stdout(events)).toBe("abcdefabcd");
    expect(events.filter((e) => e.type === "truncated")).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: "exit", truncated: true });
  });

  it("pauses the stream while a run's queue is full and resumes it as the consumer catches up", async () => {
    const { connection, fromAgent } = fakeAgent();
    await connection.waitUntilReady();
    const run = connection.run({ argv: ["true"], timeoutMs: 1000, outputCapBytes: 1 << 20 }, "r");
    // Alternating streams, which no join can fold together.
    for (let i = 0; i < 300; i++) fromAgent.write(line({ type: "output", id: "r", stream: i % 2 ? "stdout" : "stderr", data: "." }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(fromAgent.isPaused()).toBe(true);
    const iterator = run.events[Symbol.asyncIterator]();
    for (let i = 0; i < 250; i++) await iterator.next();
    expect(fromAgent.isPaused()).toBe(false);
  });

  it("joins the queued pieces of one stream while the reader is behind, keeping every byte in order", async () => {
    const { connection, fromAgent } = fakeAgent();
    await connection.waitUntilReady();
    const run = connection.run({ argv: ["true"], timeoutMs: 1000, outputCapBytes: 1 << 20 }, "r");
    for (let i = 0; i < 300; i++) fromAgent.write(line({ type: "output", id: "r", stream: "stdout", data: String(i % 10) }));
    fromAgent.write(line({ type: "output", id: "r", stream: "stderr", data: "e" }));
    fromAgent.write(exitLine());
    await new Promise((resolve) => setImmediate(resolve));
    const events = await collect(run.events);
    expect(stdout(events)).toBe("0123456789".repeat(30));
    expect(events.filter((e) => e.type === "output").length).toBeLessThan(10);
    expect(events.filter((e) => e.type === "output").at(-1)).toMatchObject({ stream: "stderr", data: "e" });
  });

  it("stops a run past maxOutputEvents: the agent is told to cancel, the rest is dropped, and the exit says why", async () => {
    const { connection, fromAgent, requests } = fakeAgent();
    await connection.waitUntilReady();
    const run = connection.run({ argv: ["true"], timeoutMs: 1000, outputCapBytes: 1 << 20, maxOutputEvents: 100 }, "r");
    for (let i = 0; i < 150; i++) fromAgent.write(line({ type: "clear-output", id: "r", wait: false }));
    fromAgent.write(exitLine({ exitCode: null, signal: "SIGKILL", cancelled: true }));
    const events = await collect(run.events);
    expect(requests.find((request) => request.op === "run")).not.toHaveProperty("maxOutputEvents");
    expect(requests.filter((request) => request.op === "cancel")).toEqual([{ op: "cancel", id: "r" }]);
    expect(events.filter((e) => e.type === "clear-output")).toHaveLength(100);
    expect(events.filter((e) => e.type === "truncated")).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({
      type: "exit",
      cancelled: false,
      truncated: true,
      message: "The block wrote its output in more than 100 pieces (MAX_RUN_EVENTS) and was stopped; print whole lines, or less often.",
    });
  });
});

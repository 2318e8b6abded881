import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import {
  encodeRequest,
  parseAgentLine,
  type AgentEvent,
  type AgentRequest,
  type RunRequest,
} from "../../lib/containers/agent-protocol";

// Test-only: runs runnel-agent.py on the host, as the server would inside a container.

const AGENT_SCRIPT = path.join(import.meta.dirname, "..", "runtime", "agent", "runnel-agent.py");

export type Received<E extends AgentEvent = AgentEvent> = { event: E; at: number };
type EventOf<T extends AgentEvent["type"]> = Extract<AgentEvent, { type: T }>;
export type RunOptions = Omit<RunRequest, "op" | "timeoutMs" | "outputCapBytes"> &
  Partial<Pick<RunRequest, "timeoutMs" | "outputCapBytes">>;

export type TestAgent = Awaited<ReturnType<typeof startAgent>>;

/** Starts the agent in a fresh temporary directory; dispose it to stop it and remove the directory. */
export async function startAgent(env: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "runnel-agent-"));
  const child = spawn("python3", [AGENT_SCRIPT], { cwd: dir, env: { ...process.env, ...env } });
  const received: Received[] = [];
  const listeners = new Set<() => void>();
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  createInterface({ input: child.stdout }).on("line", (line) => {
    received.push({ event: parseAgentLine(line), at: performance.now() });
    for (const listener of listeners) listener();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  function waitFor(match: (event: AgentEvent) => boolean, timeoutMs = 5000): Promise<Received> {
    return new Promise((resolve, reject) => {
      const stop = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      const check = () => {
        const found = received.find((r) => match(r.event));
        if (found) {
          stop();
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        stop();
        const seen = JSON.stringify(received.map((r) => r.event));
        reject(new Error(`No matching agent event within ${timeoutMs} ms. Received: ${seen}. stderr: ${stderr}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  }

  async function waitForEvent<T extends AgentEvent["type"]>(type: T, id?: string | null, timeoutMs?: number) {
    const found = await waitFor((e) => e.type === type && (id === undefined || ("id" in e && e.id === id)), timeoutMs);
    return found as Received<EventOf<T>>;
  }

  const send = (request: AgentRequest) => child.stdin.write(encodeRequest(request));

  const agent = {
    dir,
    child,
    received,
    exited,
    send,
    sendRaw: (line: string) => child.stdin.write(line),
    waitForEvent,
    events: (id: string) => received.map((r) => r.event).filter((e) => "id" in e && e.id === id),
    /** Sends a run and resolves with its exit and the text it printed on each stream. */
    async run(options: RunOptions, timeoutMs?: number) {
      send({ op: "run", cwd: dir, timeoutMs: 10_000, outputCapBytes: 1 << 20, ...options });
      const { event: exit } = await waitForEvent("exit", options.id, timeoutMs);
      const outputs = agent.events(options.id).filter((e) => e.type === "output");
      const text = (stream: string) => outputs.filter((e) => e.stream === stream).map((e) => e.data).join("");
      return { exit, stdout: text("stdout"), stderr: text("stderr"), events: agent.events(options.id) };
    },
    async [Symbol.asyncDispose]() {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin.end(); // the agent's own shutdown path kills what is still running
        const timer = setTimeout(() => child.kill("SIGKILL"), 2000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitForEvent("ready");
  } catch (error) {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return agent;
}

export const python = (code: string) => ["python3", "-c", code];

/** A `sleep` argument no other process on the machine uses, so pgrep can find exactly ours. */
export const uniqueSleep = () => `300.${process.pid}${Math.floor(Math.random() * 1e6)}`;

/** Pids of live processes whose command line matches, after giving killed ones `withinMs` to go. */
export async function processesMatching(pattern: string, withinMs = 500): Promise<string[]> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    const pids = spawnSync("pgrep", ["-f", pattern], { encoding: "utf8" }).stdout.split("\n").filter(Boolean);
    if (pids.length === 0 || performance.now() > deadline) return pids;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

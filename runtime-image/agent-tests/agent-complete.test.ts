import path from "node:path";
import { describe, expect, it } from "vitest";
import { startAgent, type TestAgent } from "./agent-harness";

// Completion through the agent on the host: the node and bash kernels need only node and bash
// (the Jupyter kernels need the image's packages; app/api/sessions/[id]/complete/complete.int.test.ts runs them).
const NODE_KERNEL = path.join(import.meta.dirname, "..", "runtime", "agent", "runnel-node-kernel.cjs");

async function execute(agent: TestAgent, id: string, runtime: "node" | "bash", code: string) {
  agent.send({ op: "execute", id, runtime, code, cwd: agent.dir, timeoutMs: 20_000, outputCapBytes: 1 << 20 });
  return (await agent.waitForEvent("exit", id, 20_000)).event;
}

async function complete(agent: TestAgent, id: string, runtime: "python" | "node" | "bash" | "r", code: string, cursor = code.length) {
  agent.send({ op: "complete", id, runtime, code, cursor });
  return (await agent.waitForEvent("completions", id, 10_000)).event;
}

describe("runnel-agent: completion", { timeout: 40_000 }, () => {
  it("answers empty for a language whose kernel is not running, and starts none", async () => {
    await using agent = await startAgent();
    expect(await complete(agent, "c1", "python", "import os\nos.pa")).toMatchObject({ status: "no-kernel", matches: [] });
    agent.send({ op: "kernels", id: "k" });
    expect((await agent.waitForEvent("kernels", "k")).event.kernels).toEqual([]);
  });

  it("refuses a malformed request with an error and still answers it, empty", async () => {
    await using agent = await startAgent();
    agent.sendRaw('{"op":"complete","id":"bad","runtime":"python","code":"os.pa","cursor":99}\n');
    agent.sendRaw('{"op":"complete","id":"go","runtime":"go","code":"x","cursor":1}\n');
    expect((await agent.waitForEvent("completions", "bad")).event).toMatchObject({ status: "invalid", matches: [] });
    expect((await agent.waitForEvent("completions", "go")).event).toMatchObject({ status: "invalid", matches: [] });
    expect(agent.events("bad").find((e) => e.type === "error")).toMatchObject({ message: expect.stringContaining("cursor") });
  });

  it("completes from the node kernel's own globals, and leaves the kernel's require as it was", async () => {
    await using agent = await startAgent({ RUNNEL_NODE_KERNEL: NODE_KERNEL });
    expect((await execute(agent, "e1", "node", "const runnelCounter = 41\nfunction runnelCount() { return runnelCounter + 1 }")).exitCode).toBe(0);
    const reply = await complete(agent, "c1", "node", "x = 1\nrunnelCo");
    expect(reply.status).toBe("ok");
    expect(reply.matches.map((m) => m.text)).toEqual(expect.arrayContaining(["runnelCounter", "runnelCount"]));
    // The span the matches replace is the word before the cursor, in code points.
    expect([reply.cursorStart, reply.cursorEnd]).toEqual([6, 14]);
    const after = await execute(agent, "e2", "node", "console.log(typeof _, require.resolve('node:path'), runnelCount())");
    expect(after.exitCode).toBe(0);
    const printed = agent.events("e2").flatMap((e) => (e.type === "output" ? [e.data] : [])).join("");
    expect(printed).toBe("undefined node:path 42\n");
  });

  it("answers busy at once while a block runs in the kernel, instead of waiting for it", async () => {
    await using agent = await startAgent({ RUNNEL_NODE_KERNEL: NODE_KERNEL });
    await execute(agent, "warm", "node", "1");
    agent.send({ op: "execute", id: "slow", runtime: "node", code: "await new Promise((r) => setTimeout(r, 4000))", cwd: agent.dir, timeoutMs: 20_000, outputCapBytes: 1024 });
    await agent.waitForEvent("started", "slow");
    const asked = performance.now();
    expect(await complete(agent, "c1", "node", "Mat")).toMatchObject({ status: "busy", matches: [] });
    expect(performance.now() - asked).toBeLessThan(3000);
    await agent.waitForEvent("exit", "slow", 20_000);
    expect((await complete(agent, "c2", "node", "Mat")).matches.map((m) => m.text)).toContain("Math");
  });

  it("says the bash kernel does not complete, rather than guessing", async () => {
    await using agent = await startAgent();
    await execute(agent, "e1", "bash", "x=1");
    expect(await complete(agent, "c1", "bash", "ec")).toMatchObject({ status: "unsupported", matches: [] });
  });
});

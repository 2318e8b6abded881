import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startAgent, type TestAgent } from "./agent-harness";

// The Node kernel (runnel-node-kernel.cjs) through the agent on the host, as in a session: the
// working directory stands for /workspace.
const NODE_KERNEL = path.join(import.meta.dirname, "..", "runtime", "agent", "runnel-node-kernel.cjs");

async function execute(agent: TestAgent, id: string, code: string) {
  agent.send({ op: "execute", id, runtime: "node", code, cwd: agent.dir, timeoutMs: 20_000, outputCapBytes: 1 << 20 });
  const { event: exit } = await agent.waitForEvent("exit", id, 20_000);
  const events = agent.events(id);
  const stdout = events.flatMap((e) => (e.type === "output" && e.stream === "stdout" ? [e.data] : [])).join("");
  return { exit, stdout, exception: events.find((e) => e.type === "exception") };
}

describe("runnel-node-kernel", { timeout: 40_000 }, () => {
  it("resolves import() of a relative path from the workspace, as require does", async () => {
    await using agent = await startAgent({ RUNNEL_NODE_KERNEL: NODE_KERNEL });
    mkdirSync(path.join(agent.dir, "lib"));
    writeFileSync(path.join(agent.dir, "lib", "esm.mjs"), "export const fromEsm = 'esm';\n");
    writeFileSync(path.join(agent.dir, "lib", "cjs.cjs"), "module.exports = 'cjs';\n");
    const result = await execute(agent, "e1", "const esm = await import('./lib/esm.mjs')\nconsole.log(esm.fromEsm, require('./lib/cjs.cjs'), (await import('node:path')).sep)");
    expect(result.exception).toBeUndefined();
    expect(result.stdout).toBe("esm cjs /\n");
    expect(result.exit.exitCode).toBe(0);
    // The names carry to the next block, and a changed CommonJS file is read afresh.
    writeFileSync(path.join(agent.dir, "lib", "cjs.cjs"), "module.exports = 'cjs, changed';\n");
    expect((await execute(agent, "e2", "console.log(esm.fromEsm, require('./lib/cjs.cjs'))")).stdout).toBe("esm cjs, changed\n");
  });

  it("reports an import that does not resolve as the block's exception, with the block's own line", async () => {
    await using agent = await startAgent({ RUNNEL_NODE_KERNEL: NODE_KERNEL });
    const result = await execute(agent, "e1", "const ok = 1\nawait import('./missing.mjs')");
    expect(result.exit.exitCode).toBe(1);
    expect(result.exception).toMatchObject({ evalue: expect.stringContaining(path.join(agent.dir, "missing.mjs")) });
    const thrown = await execute(agent, "e2", "\n\nthrow new Error('third line')");
    expect(thrown.exception).toMatchObject({ traceback: expect.arrayContaining([expect.stringContaining("runnel-block.js:3")]) });
  });
});

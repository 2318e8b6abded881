import { describe, expect, it } from "vitest";
import { startAgent, type TestAgent } from "./agent-harness";

// The persistent bash kernel through the agent on the host, as in a session.
function execute(agent: TestAgent, id: string, code: string) {
  agent.send({ op: "execute", id, runtime: "bash", code, cwd: agent.dir, timeoutMs: 20_000, outputCapBytes: 1 << 20 });
}

async function finished(agent: TestAgent, id: string) {
  const { event: exit } = await agent.waitForEvent("exit", id, 20_000);
  const stdout = agent.events(id).flatMap((e) => (e.type === "output" && e.stream === "stdout" ? [e.data] : [])).join("");
  return { exit, stdout };
}

describe("the bash kernel's read", { timeout: 40_000 }, () => {
  it("prompts the reader in the page, as input() does, and hands the answer to read's own splitting", async () => {
    await using agent = await startAgent();
    execute(agent, "e1", 'read -p "Name? " first rest\necho "hello $first ($rest)"');
    const { event: prompt } = await agent.waitForEvent("input-request", "e1", 20_000);
    expect(prompt).toMatchObject({ prompt: "Name? ", password: false });
    agent.send({ op: "input", id: "e1", value: "Ada Lovelace King" });
    expect(await finished(agent, "e1")).toMatchObject({ stdout: "hello Ada (Lovelace King)\n", exit: { exitCode: 0 } });
  });

  it("asks for a secret with read -s, and keeps backslashes with -r", async () => {
    await using agent = await startAgent();
    execute(agent, "e1", 'read -rs -p "Token: " token\necho "got $token"');
    expect((await agent.waitForEvent("input-request", "e1", 20_000)).event).toMatchObject({ prompt: "Token: ", password: true });
    agent.send({ op: "input", id: "e1", value: "a\\b" });
    expect((await finished(agent, "e1")).stdout).toBe("got a\\b\n");
  });

  it("leaves a read from a pipe, a here-string or another fd to bash, with no prompt", async () => {
    await using agent = await startAgent();
    execute(agent, "e1", 'read x <<< "from here"; echo "$x"\nprintf "p q\\n" | { read a b; echo "$b"; }\nexec 7<<< "seven"; read -u 7 s; echo "$s"');
    const result = await finished(agent, "e1");
    expect(result.stdout).toBe("from here\nq\nseven\n");
    expect(agent.events("e1").some((e) => e.type === "input-request")).toBe(false);
  });

  it("does not hand a later read an answer meant for a prompt an earlier block never read", async () => {
    await using agent = await startAgent();
    // A forged request (the block writes the prompt line itself, then ends without reading).
    execute(agent, "e1", 'printf "%s input 0 %s\\n" "$runnel_nonce" "$(printf "Q? " | base64 -w0)" >&4; sleep 1');
    await agent.waitForEvent("input-request", "e1", 20_000);
    agent.send({ op: "input", id: "e1", value: "stale" });
    await finished(agent, "e1");
    execute(agent, "e2", 'read v; echo "v=$v"');
    await agent.waitForEvent("input-request", "e2", 20_000);
    agent.send({ op: "input", id: "e2", value: "fresh" });
    expect((await finished(agent, "e2")).stdout).toBe("v=fresh\n");
  });
});

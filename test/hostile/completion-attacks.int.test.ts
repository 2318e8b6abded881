import { describe, expect, it } from "vitest";
import { completeCode } from "../../lib/sessions/complete-code";
import { expectUnharmed, openHostileSession, runBlock, serverRss } from "./hostile-session";

// Attacks through the editor's completion: the kernel is the block's own code, so a block can
// replace its kernel's completer with anything. Whatever it answers is data: too large is dropped
// before it is parsed, malformed is dropped, and what is kept is few, short, plain-text matches.

const replace = (body: string) => `get_ipython().kernel.do_complete = lambda code, cursor_pos: ${body}`;
// 8 MB, eight times the agent's 1 MiB bound on a reply: 50 MB took ipykernel longer than the
// completion's own bound to serialise on a loaded machine (load 10), so it answered "timeout".
const HUGE_REPLY = replace("{'status': 'ok', 'matches': ['x' * 1000] * 8_000, 'cursor_start': 0, 'cursor_end': cursor_pos, 'metadata': {}}");
const MANY_MATCHES = replace("{'status': 'ok', 'matches': [f'name{i}' for i in range(50_000)], 'cursor_start': 0, 'cursor_end': cursor_pos, 'metadata': {}}");
const MALFORMED = replace(
  "{'status': 'ok', 'cursor_start': 0, 'cursor_end': cursor_pos, 'metadata': {'_jupyter_types_experimental': [{'text': 'kept', 'type': 'function'}, {'text': 'typed', 'type': 'x' * 500}]}, " +
    "'matches': ['kept', 7, None, {'text': 'obj'}, 'bell\\x07', 'line\\nbreak', 'y' * 5000, '', 'kept', '<img src=x onerror=alert(1)>', 'typed']}",
);
const BAD_SPAN = replace("{'status': 'ok', 'matches': ['a'], 'cursor_start': -5, 'cursor_end': 10 ** 9, 'metadata': {}}");
const WRONG_TYPES = replace("{'status': 'ok', 'matches': {'a': 1}, 'cursor_start': 'zero', 'cursor_end': None, 'metadata': []}");
const NEVER_ANSWERS = "import time\n" + replace("time.sleep(6) or {'status': 'ok', 'matches': ['late'], 'cursor_start': 0, 'cursor_end': cursor_pos, 'metadata': {}}");

describe("hostile: completion", { timeout: 120_000 }, () => {
  async function attacked(attack: string) {
    const session = await openHostileSession([attack], "shared");
    try {
      expect((await runBlock(session, 0)).exit).toMatchObject({ exitCode: 0 });
    } catch (error) {
      await session[Symbol.asyncDispose]();
      throw error;
    }
    const ask = (code = "na", cursor = code.length) =>
      completeCode({ userId: session.userId, sessionId: session.sessionId, runtime: "python", code, cursor });
    // Measured once the session and its kernel are up: what the attack itself costs the server.
    return Object.assign(session, { ask, rssBefore: serverRss() });
  }

  /** A loaded machine can make even an honest kernel miss the bound (an empty answer): ask again then. */
  async function answered(ask: () => ReturnType<typeof completeCode>) {
    for (let attempt = 1; ; attempt++) {
      const reply = await ask();
      if (reply.status !== "timeout" || attempt === 5) return reply;
    }
  }

  it("a kernel whose complete_reply is 8 MB: dropped unread (no matches), the server's memory flat", async () => {
    await using session = await attacked(HUGE_REPLY);
    expect(await answered(session.ask)).toMatchObject({ status: "invalid", matches: [] });
    await expectUnharmed(session, session.rssBefore);
  });

  it("a kernel offering 50,000 matches: 200 are kept", async () => {
    await using session = await attacked(MANY_MATCHES);
    const reply = await answered(session.ask);
    expect(reply.status).toBe("ok");
    expect(reply.matches).toHaveLength(200);
    expect(reply.matches[0]).toEqual({ text: "name0" });
    await expectUnharmed(session, session.rssBefore);
  });

  it("malformed matches (not strings, control characters, too long, repeated, a bogus type) are left out; markup stays text", async () => {
    await using session = await attacked(MALFORMED);
    const reply = await answered(session.ask);
    expect(reply.matches).toEqual([{ text: "kept", type: "function" }, { text: "<img src=x onerror=alert(1)>" }, { text: "typed" }]);
    await expectUnharmed(session, session.rssBefore);
  });

  it("a reply whose span lies outside the code, or whose fields have the wrong types, gives no matches", async () => {
    for (const attack of [BAD_SPAN, WRONG_TYPES]) {
      await using session = await attacked(attack);
      expect(await answered(session.ask)).toMatchObject({ status: "invalid", matches: [] });
      await expectUnharmed(session, session.rssBefore);
    }
  });

  it("a kernel that does not answer: empty within the bound, and the kernel runs the next block after", async () => {
    await using session = await attacked(NEVER_ANSWERS);
    const asked = performance.now();
    expect(await session.ask()).toMatchObject({ status: "timeout", matches: [] });
    expect(performance.now() - asked).toBeLessThan(5000);
    await expectUnharmed(session, session.rssBefore);
  });
});

import { expect } from "vitest";
import { engineStatus } from "../../lib/containers/engine-status";
import { connectSession } from "../../lib/sessions/connect-session";
import { endSession } from "../../lib/sessions/end-session";
import { startExecution } from "../../lib/executions/start-execution";
import type { StreamEvent } from "../../lib/executions/stream-events";
import { createNotebook, createUser, testDatabase } from "../fixtures";

// The hostile suite: one attack per test, each run against the real engine by an ordinary
// account, each followed by the same check that nothing was left broken (expectUnharmed).

export type HostileSession = {
  userId: string;
  notebook: { id: string; content: string };
  sessionId: string;
  /** The block that prints ok. */
  okBlock: number;
} & AsyncDisposable;

const fence = "```";

/**
 * A fresh user with one notebook whose last block prints ok, and a live session on it. The
 * notebook is isolated (each block a fresh process) unless `state` says shared (kernels).
 */
export async function openHostileSession(attacks: string[], state: "isolated" | "shared" = "isolated"): Promise<HostileSession> {
  await testDatabase();
  const user = await createUser("Attacker");
  const blocks = [...attacks, "print('ok')"].map((code) => `${fence}runnable python\n${code}\n${fence}`);
  const notebook = await createNotebook(user.id, [`---\nstate: ${state}\n---`, ...blocks].join("\n"));
  const { session } = await connectSession({ userId: user.id, notebook });
  const handle: HostileSession = {
    userId: user.id,
    notebook,
    sessionId: session.id,
    okBlock: attacks.length,
    [Symbol.asyncDispose]: () => endSession(handle.sessionId, "test over"),
  };
  return handle;
}

export async function runBlock(session: HostileSession, blockIndex: number, onStart?: () => Promise<void> | void) {
  const handle = await startExecution({ userId: session.userId, sessionId: session.sessionId, block: { index: blockIndex } });
  const events: StreamEvent[] = [];
  for await (const event of handle.events) {
    events.push(event);
    if (event.type === "start") await onStart?.();
  }
  const text = (stream: string) => events.map((e) => (e.type === "output" && e.stream === stream ? e.data : "")).join("");
  const exit = events.find((e) => e.type === "exit");
  return { executionId: handle.executionId, events, stdout: text("stdout"), stderr: text("stderr"), exit: exit?.type === "exit" ? exit : undefined };
}

/** Server memory now, after a collection when the test runner exposes one. */
export function serverRss(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}

/**
 * After an attack: the engine answers, the server's memory grew by less than `maxGrowthBytes`
 * since `rssBefore`, and the same user can still run print("ok") — in the same session when it
 * survived, or in a fresh one after connecting again.
 */
export async function expectUnharmed(session: HostileSession, rssBefore: number, maxGrowthBytes = 64 * 1024 ** 2) {
  expect(await engineStatus()).toMatchObject({ ok: true });
  expect(serverRss() - rssBefore).toBeLessThan(maxGrowthBytes);
  const { session: live } = await connectSession({ userId: session.userId, notebook: session.notebook });
  session.sessionId = live.id;
  const result = await runBlock(session, session.okBlock);
  expect(result.stdout).toBe("ok\n");
  expect(result.exit).toMatchObject({ exitCode: 0 });
}

import { getPrisma } from "../lib/db/client";
import { startExecution } from "../lib/executions/start-execution";
import type { StreamEvent } from "../lib/executions/stream-events";
import { connectSession } from "../lib/sessions/connect-session";
import { endSession } from "../lib/sessions/end-session";
import { createNotebook, createUser, testDatabase } from "./fixtures";

export type BlockRunResult = {
  events: StreamEvent[];
  stdout: string;
  stderr: string;
  exit: Extract<StreamEvent, { type: "exit" }> | undefined;
  /** The execution row as stored once the run's stream ended. */
  stored: Awaited<ReturnType<ReturnType<typeof getPrisma>["execution"]["findUniqueOrThrow"]>>;
};

export type ConnectedSession = {
  userId: string;
  notebookId: string;
  sessionId: string;
  /** Runs a block of the saved notebook to its end; `onEvent` sees each event as it comes. */
  run(blockIndex: number, onEvent?: (event: StreamEvent, executionId: string) => Promise<void> | void): Promise<BlockRunResult>;
  end(): Promise<void>;
};

/** A new user, their notebook of `content`, and a live session of it on the real engine. */
export async function connectedSession(content: string): Promise<ConnectedSession> {
  await testDatabase();
  const userId = (await createUser()).id;
  const notebook = await createNotebook(userId, content);
  const sessionId = (await connectSession({ userId, notebook })).session.id;
  return {
    userId,
    notebookId: notebook.id,
    sessionId,
    async run(blockIndex, onEvent) {
      const handle = await startExecution({ userId, sessionId, block: { index: blockIndex } });
      const events: StreamEvent[] = [];
      for await (const event of handle.events) {
        events.push(event);
        await onEvent?.(event, handle.executionId);
      }
      const text = (stream: string) => events.map((e) => (e.type === "output" && e.stream === stream ? e.data : "")).join("");
      const exit = events.find((e) => e.type === "exit");
      const stored = await getPrisma().execution.findUniqueOrThrow({ where: { id: handle.executionId } });
      return { events, stdout: text("stdout"), stderr: text("stderr"), exit: exit?.type === "exit" ? exit : undefined, stored };
    },
    end: () => endSession(sessionId, "test over"),
  };
}

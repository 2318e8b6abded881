import type { Completions } from "../containers/backend";
import { findNotebookFor } from "../auth/notebook-access";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { codePoints, codeUnits } from "../notebook/code-points";
import type { KernelRuntime } from "../notebook/run-mode";
import type { LinkTokenSource } from "../sharing/share-link-token";
import { CONTAINER_DIED, liveSandbox } from "./live-sandbox";

export type CompleteCodeOptions = {
  userId: string;
  sessionId: string;
  runtime: KernelRuntime;
  /** The block's code as the editor holds it (unsaved edits included). */
  code: string;
  /** Where the cursor is in code, in UTF-16 code units (a JavaScript string offset). */
  cursor: number;
  linkTokens?: LinkTokenSource;
};

export type CompletionMatch = Completions["matches"][number];

/** The matches replace code[from, to) (UTF-16 offsets); `status` says why there are none. */
export type CodeCompletion = { status: Completions["status"]; from: number; to: number; matches: CompletionMatch[] };

/**
 * Completion at the cursor from the session's running kernel of that language. Only someone
 * who may run in the session may ask: completing can evaluate code in the kernel (IPython's
 * completer evaluates the expression before a dot), exactly as running a block does. No kernel
 * is ever started for it: without a running, idle kernel the answer is empty.
 */
export async function completeCode(options: CompleteCodeOptions): Promise<CodeCompletion> {
  const session = await getPrisma().session.findFirst({ where: { id: options.sessionId, userId: options.userId } });
  if (!session) throw new AppError("not_found", "There is no such session.");
  const linkToken = options.linkTokens?.(session.notebookId) ?? null;
  await findNotebookFor({ userId: options.userId, linkToken }, session.notebookId, "run");
  if (session.status === "ended") throw new AppError("conflict", "This session has ended. Connect again to start a new one.");
  const sandbox = await liveSandbox(session);
  if (!sandbox) throw new AppError("conflict", CONTAINER_DIED);
  const { code } = options;
  const reply = await sandbox.complete({ runtime: options.runtime, code, cursor: codePoints(code, options.cursor) });
  const from = codeUnits(code, reply.cursorStart);
  const to = codeUnits(code, reply.cursorEnd);
  // The kernel's span must hold the cursor's word; anything else is not a completion of it.
  if (reply.status !== "ok" || from > options.cursor || to < from || to > code.length) {
    return { status: reply.status === "ok" ? "invalid" : reply.status, from: options.cursor, to: options.cursor, matches: [] };
  }
  return { status: "ok", from, to, matches: reply.matches };
}

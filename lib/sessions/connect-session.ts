import type { Session } from "@prisma/client";
import { getSettings } from "../config/settings";
import { getContainerBackend } from "../containers/container-backend";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { parseNotebook } from "../notebook/parse-notebook";
import { readNotebookSettings } from "../notebook/front-matter";
import { runsInFreshProcess } from "../notebook/run-mode";
import type { NotebookBlock } from "../notebook/types";
import { KERNEL_RUNTIMES, type KernelRuntime } from "../notebook/run-mode";
import { getLogger } from "../observability/logger";
import { recordConnect, recordContainerCreateFailure } from "../observability/record-activity";
import { withKeyedLock } from "./keyed-lock";
import { adoptSandbox, liveSandbox } from "./live-sandbox";
import { sessionSandboxSpec } from "./sandbox-spec";
import { assertSessionQuota } from "./session-quota";
import { syncSessionFiles } from "./sync-session-files";
import { endSession } from "./end-session";
import { getWarmPool } from "./warm-pool";

export type ConnectSessionOptions = {
  userId: string;
  notebook: { id: string; content: string };
};

/**
 * The user's live session on the notebook, starting one (container created, every file block
 * seeded) when there is none. Concurrent connects for the same user and notebook share one.
 */
export async function connectSession({ userId, notebook }: ConnectSessionOptions): Promise<{ session: Session; created: boolean }> {
  return withKeyedLock(`${userId}:${notebook.id}`, async () => {
    const prisma = getPrisma();
    const existing = await prisma.session.findFirst({
      where: { userId, notebookId: notebook.id, status: { not: "ended" } },
    });
    if (existing && (await liveSandbox(existing))) {
      const session = await prisma.session.update({ where: { id: existing.id }, data: { lastActivityAt: new Date() } });
      recordConnect({ sessionId: session.id, userId, notebookId: notebook.id, source: "existing", outcome: "success", seconds: 0 });
      return { session, created: false };
    }
    return { session: await startSession(userId, notebook), created: true };
  });
}

/** The kernels a notebook's blocks run in (none in an isolated notebook), to start at connect. */
function kernelsUsed(content: string, blocks: NotebookBlock[]): KernelRuntime[] {
  const { state } = readNotebookSettings(content);
  const used = blocks.filter((block) => block.kind === "runnable" && block.runtime && !runsInFreshProcess(state, block));
  return [...new Set(used.map((block) => block.runtime))].filter((runtime): runtime is KernelRuntime =>
    (KERNEL_RUNTIMES as readonly string[]).includes(runtime ?? ""),
  );
}

async function startSession(userId: string, notebook: ConnectSessionOptions["notebook"]): Promise<Session> {
  const prisma = getPrisma();
  const settings = getSettings();
  const session = await withKeyedLock("sessions:quota", async () => {
    await assertSessionQuota(settings, userId);
    return prisma.session.create({ data: { userId, notebookId: notebook.id } });
  });
  const started = performance.now();
  const pooled = getWarmPool()?.take();
  const facts = { sessionId: session.id, userId, notebookId: notebook.id, source: pooled ? ("pool" as const) : ("cold" as const) };
  try {
    const sandbox =
      pooled ??
      (await getContainerBackend().createSandbox(
        sessionSandboxSpec(settings, { sessionId: session.id, userId, notebookId: notebook.id }),
      ).catch((error: unknown) => {
        recordContainerCreateFailure("session");
        throw error;
      }));
    adoptSandbox(session.id, sandbox);
    const blocks = parseNotebook(notebook.content);
    await syncSessionFiles(session, sandbox, blocks);
    sandbox.warmKernels(kernelsUsed(notebook.content, blocks));
    const ready = await prisma.session.update({
      where: { id: session.id },
      data: { status: "ready", containerId: sandbox.id, lastActivityAt: new Date() },
    });
    recordConnect({ ...facts, outcome: "success", seconds: (performance.now() - started) / 1000 });
    return ready;
  } catch (error) {
    recordConnect({ ...facts, outcome: "failure", seconds: (performance.now() - started) / 1000 });
    await endSession(session.id, "The session's container could not be started.").catch(() => undefined);
    getLogger().error({ err: error, sessionId: session.id }, "session start failed");
    throw new AppError("unavailable", "The sandbox could not be started. Check that the Docker engine is running, then try again.");
  }
}

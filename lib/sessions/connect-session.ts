import type { Session } from "@prisma/client";
import { getSettings } from "../config/settings";
import { getContainerBackend } from "../containers/container-backend";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { parseNotebook } from "../notebook/parse-notebook";
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
      return { session, created: false };
    }
    return { session: await startSession(userId, notebook), created: true };
  });
}

async function startSession(userId: string, notebook: ConnectSessionOptions["notebook"]): Promise<Session> {
  const prisma = getPrisma();
  const settings = getSettings();
  const session = await withKeyedLock("sessions:quota", async () => {
    await assertSessionQuota(settings, userId);
    return prisma.session.create({ data: { userId, notebookId: notebook.id } });
  });
  try {
    const sandbox =
      getWarmPool()?.take() ??
      (await getContainerBackend().createSandbox(
        sessionSandboxSpec(settings, { sessionId: session.id, userId, notebookId: notebook.id }),
      ));
    adoptSandbox(session.id, sandbox);
    await syncSessionFiles(session, sandbox, parseNotebook(notebook.content));
    return await prisma.session.update({
      where: { id: session.id },
      data: { status: "ready", containerId: sandbox.id, lastActivityAt: new Date() },
    });
  } catch (error) {
    await endSession(session.id, "The session's container could not be started.").catch(() => undefined);
    console.error("[sessions] start failed", error);
    throw new AppError("unavailable", "The sandbox could not be started. Check that the Docker engine is running, then try again.");
  }
}

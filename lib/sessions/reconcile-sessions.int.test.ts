import { describe, expect, it } from "vitest";
import { createNotebook, createUser, testDatabase } from "../../test/fixtures";
import { getSettings } from "../config/settings";
import { getContainerBackend } from "../containers/container-backend";
import { getDocker } from "../containers/docker-client";
import { connectSession } from "./connect-session";
import { reapIdleSessions } from "./reap-idle-sessions";
import { reconcileSessions } from "./reconcile-sessions";
import { sandboxRegistry } from "./sandbox-registry";
import { sessionSandboxSpec } from "./sandbox-spec";

describe("start-up reconcile and the idle reaper", () => {
  it("removes an orphan session container and ends a session whose container is gone", async () => {
    const prisma = await testDatabase();
    const owner = await createUser();
    const notebook = await createNotebook(owner.id, "```runnable python\nprint(1)\n```");
    const orphan = await getContainerBackend().createSandbox(
      sessionSandboxSpec(getSettings(), { sessionId: "no-such-session", userId: owner.id, notebookId: notebook.id }),
    );
    const { session } = await connectSession({ userId: owner.id, notebook });
    // As after a crash: the container vanished behind Runnel's back.
    sandboxRegistry().delete(session.id);
    await getDocker().getContainer(session.containerId!).remove({ force: true });

    const otherInstance = await getContainerBackend().createSandbox({
      ...sessionSandboxSpec(getSettings(), { sessionId: "elsewhere", userId: owner.id, notebookId: notebook.id }),
      labels: { "runnel.kind": "session", "runnel.instance": "another-runnel", "runnel.session": "elsewhere" },
    });

    const result = await reconcileSessions();
    expect(result.removedContainers).toBeGreaterThanOrEqual(1);
    expect(result.endedSessions).toBeGreaterThanOrEqual(1);
    await expect(getDocker().getContainer(orphan.id).inspect()).rejects.toMatchObject({ statusCode: 404 });
    // Another Runnel on the same engine keeps its containers.
    expect((await getDocker().getContainer(otherInstance.id).inspect()).State.Running).toBe(true);
    await otherInstance.remove();
    expect(await prisma.session.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({
      status: "ended",
      endedReason: expect.stringContaining("gone"),
    });
  });

  it("ends sessions idle for longer than SESSION_IDLE_MINUTES and removes their containers", async () => {
    const prisma = await testDatabase();
    const owner = await createUser();
    const notebook = await createNotebook(owner.id, "```runnable python\nprint(1)\n```");
    const { session } = await connectSession({ userId: owner.id, notebook });
    const later = new Date(Date.now() + (getSettings().SESSION_IDLE_MINUTES + 1) * 60_000);
    expect(await reapIdleSessions(later)).toBeGreaterThanOrEqual(1);
    expect((await prisma.session.findUniqueOrThrow({ where: { id: session.id } })).endedReason).toMatch(/idle for 30 minutes/);
    await expect(getDocker().getContainer(session.containerId!).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });
});

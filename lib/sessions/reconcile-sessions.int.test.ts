import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createNotebook, createUser, testDatabase } from "../../test/fixtures";
import { getSettings } from "../config/settings";
import { getContainerBackend } from "../containers/container-backend";
import { getDocker } from "../containers/docker-client";
import { VOLUME_LABEL, workspaceVolumeOptions } from "../containers/docker/sandbox-config";
import { connectSession } from "./connect-session";
import { endSession } from "./end-session";
import { reapIdleSessions } from "./reap-idle-sessions";
import { reconcileSessions } from "./reconcile-sessions";
import { sandboxRegistry } from "./sandbox-registry";
import { sessionSandboxSpec } from "./sandbox-spec";

const elevenMinutesLater = () => new Date(Date.now() + 11 * 60_000);
const volumeExists = (name: string) =>
  getDocker()
    .getVolume(name)
    .inspect()
    .then(
      () => true,
      (error: { statusCode?: number }) => (error.statusCode === 404 ? false : Promise.reject(error)),
    );

describe("start-up reconcile and the idle reaper", () => {
  it("removes an orphan session container and ends a session whose container is gone", async () => {
    const prisma = await testDatabase();
    const owner = await createUser();
    const notebook = await createNotebook(owner.id, "```runnable python\nprint(1)\n```");
    const orphan = await getContainerBackend().createSandbox(
      sessionSandboxSpec(getSettings(), { sessionId: "no-such-session", userId: owner.id, notebookId: notebook.id }),
    );
    const { session } = await connectSession({ userId: owner.id, notebook });
    // As after a crash: the container vanished behind Runnel's back, leaving its workspace.
    sandboxRegistry().delete(session.id);
    const vanished = getDocker().getContainer(session.containerId!);
    const workspace = (await vanished.inspect()).Config.Labels[VOLUME_LABEL]!;
    await vanished.remove({ force: true });

    const otherInstance = await getContainerBackend().createSandbox({
      ...sessionSandboxSpec(getSettings(), { sessionId: "elsewhere", userId: owner.id, notebookId: notebook.id }),
      labels: { "runnel.kind": "session", "runnel.instance": "another-runnel", "runnel.session": "elsewhere" },
    });

    // Ten minutes on, the vanished container's workspace counts as left behind.
    const result = await reconcileSessions(elevenMinutesLater());
    expect(result.removedContainers).toBeGreaterThanOrEqual(1);
    expect(result.endedSessions).toBeGreaterThanOrEqual(1);
    expect(result.removedWorkspaces).toBeGreaterThanOrEqual(1);
    expect(await volumeExists(workspace)).toBe(false);
    await expect(getDocker().getContainer(orphan.id).inspect()).rejects.toMatchObject({ statusCode: 404 });
    // Another Runnel on the same engine keeps its containers.
    expect((await getDocker().getContainer(otherInstance.id).inspect()).State.Running).toBe(true);
    await otherInstance.remove();
    expect(await prisma.session.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({
      status: "ended",
      endedReason: expect.stringContaining("gone"),
    });
  });

  it("removes this instance's workspace volumes that no container uses once ten minutes old; another's and a used one stay", async () => {
    await testDatabase();
    const owner = await createUser();
    const notebook = await createNotebook(owner.id, "```runnable python\nprint(1)\n```");
    const spec = sessionSandboxSpec(getSettings(), { sessionId: "crashed-before-its-container", userId: owner.id, notebookId: notebook.id });
    const docker = getDocker();
    // As a crash between creating a sandbox's volume and its container leaves it.
    const leftover = await docker.createVolume(workspaceVolumeOptions(`runnel-ws-${randomUUID()}`, spec));
    const foreign = await docker.createVolume(
      workspaceVolumeOptions(`runnel-ws-${randomUUID()}`, { ...spec, labels: { ...spec.labels, "runnel.instance": "another-runnel" } }),
    );
    const { session } = await connectSession({ userId: owner.id, notebook });
    const inUse = (await docker.getContainer(session.containerId!).inspect()).Config.Labels[VOLUME_LABEL]!;
    try {
      await reconcileSessions();
      expect(await volumeExists(leftover.name)).toBe(true); // it may be a create in flight
      expect((await reconcileSessions(elevenMinutesLater())).removedWorkspaces).toBeGreaterThanOrEqual(1);
      expect(await volumeExists(leftover.name)).toBe(false);
      expect(await volumeExists(foreign.name)).toBe(true);
      expect(await volumeExists(inUse)).toBe(true);
    } finally {
      await Promise.all([leftover, foreign].map((volume) => volume.remove().catch(() => undefined)));
      await endSession(session.id, "test over");
    }
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

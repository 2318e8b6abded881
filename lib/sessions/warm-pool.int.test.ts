import { describe, expect, it } from "vitest";
import { createNotebook, createUser } from "../../test/fixtures";
import { getSettings } from "../config/settings";
import { getDocker } from "../containers/docker-client";
import { connectSession } from "./connect-session";
import { endSession } from "./end-session";
import { reconcileSessions } from "./reconcile-sessions";
import { pooledSandboxSpec } from "./sandbox-spec";
import { setWarmPool, WarmPool, warmPythonKernel } from "./warm-pool";

async function until(condition: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the warm pool", () => {
  it("hands a started container to a new session, seeds it, and refills itself", async () => {
    const pool = new WarmPool(1, () => pooledSandboxSpec(getSettings()), warmPythonKernel);
    setWarmPool(pool);
    try {
      pool.fill();
      await until(() => pool.available === 1);
      const owner = await createUser();
      const notebook = await createNotebook(owner.id, "```file text note.txt\npooled\n```\n```runnable bash\ncat note.txt\n```");
      const { session, created } = await connectSession({ userId: owner.id, notebook });
      expect(created).toBe(true);
      const container = await getDocker().getContainer(session.containerId!).inspect();
      expect(container.Config.Labels["runnel.kind"]).toBe("pool");

      await until(() => pool.available === 1); // refilled in the background
      // Reconcile keeps the claimed container: a live session uses it.
      await reconcileSessions();
      expect((await getDocker().getContainer(session.containerId!).inspect()).State.Running).toBe(true);
      await endSession(session.id, "test over");
    } finally {
      setWarmPool(undefined);
      await pool.stop();
    }
  });

  it("stopped while its containers are still starting, waits for them and leaves none behind", async () => {
    const spec = pooledSandboxSpec(getSettings());
    const pool = new WarmPool(2, () => spec, warmPythonKernel);
    pool.fill();
    await pool.stop();
    // The server exits as soon as stop() resolves: no container may exist, or appear, after that.
    const filters = { label: [`runnel.kind=pool`, `runnel.instance=${spec.labels["runnel.instance"]}`] };
    for (const deadline = Date.now() + 3000; Date.now() < deadline; ) {
      expect(await getDocker().listContainers({ all: true, filters })).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});

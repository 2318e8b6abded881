import { describe, expect, it } from "vitest";
import { createNotebook, createUser } from "../../test/fixtures";
import { getDocker } from "../containers/docker-client";
import { getPrisma } from "../db/client";
import { connectSession } from "./connect-session";
import { endLiveSessions } from "./end-live-sessions";

describe("ending the live sessions when the server stops", () => {
  it("removes each session's container and records why the session ended", async () => {
    const owner = await createUser();
    const notebook = await createNotebook(owner.id, "```runnable bash\necho hi\n```");
    const { session } = await connectSession({ userId: owner.id, notebook });
    expect((await getDocker().getContainer(session.containerId!).inspect()).State.Running).toBe(true);

    expect(await endLiveSessions("Runnel was stopped.")).toBeGreaterThanOrEqual(1);

    await expect(getDocker().getContainer(session.containerId!).inspect()).rejects.toMatchObject({ statusCode: 404 });
    const stored = await getPrisma().session.findUniqueOrThrow({ where: { id: session.id } });
    expect(stored).toMatchObject({ status: "ended", endedReason: "Runnel was stopped." });
  });
});

import { describe, expect, it } from "vitest";
import { GET as getArtifact } from "@/app/api/executions/[id]/artifacts/[name]/route";
import { POST as createLink } from "@/app/api/notebooks/[id]/links/route";
import { DELETE as unpublish, GET as getPublished, POST as publish } from "@/app/api/notebooks/[id]/published-outputs/route";
import { POST as shareNotebook } from "@/app/api/notebooks/[id]/shares/route";
import { POST as createNotebook } from "@/app/api/notebooks/route";
import { storeArtifact } from "@/lib/artifacts/artifact-files";
import { getSettings } from "@/lib/config/settings";
import { getPrisma } from "@/lib/db/client";
import { SHARE_LINK_HEADER } from "@/lib/sharing/share-link-token";
import { apiRequest, noParams, routeParams, signUpUser, withMigratedDatabase, type SignedUpUser } from "@/test/route-requests";

withMigratedDatabase();

const CONTENT = "# Published\n\n```runnable bash id=first\necho one\n```\n\n```runnable bash id=second\necho two\n```\n";

async function notebookOf(owner: SignedUpUser): Promise<string> {
  const response = await createNotebook(apiRequest("/api/notebooks", { method: "POST", cookie: owner.cookie, body: { content: CONTENT } }), noParams);
  return (await response.json()).notebook.id;
}

/** A finished (or still running) run stored as the run pipeline stores one: the publishing logic reads only rows. */
async function storedRun(userId: string, notebookId: string, blockId: string, text: string, at: Date, finished = true) {
  const prisma = getPrisma();
  const session = await prisma.session.create({ data: { userId, notebookId, status: "ended", endedAt: at } });
  return prisma.execution.create({
    data: {
      sessionId: session.id,
      notebookId,
      userId,
      blockId,
      blockIndex: blockId === "first" ? 0 : 1,
      status: finished ? "succeeded" : "running",
      exitCode: finished ? 0 : null,
      output: [{ stream: "stdout", data: text }],
      artifacts: [{ name: "note.txt", mime: "text/plain", bytes: 4 }],
      startedAt: at,
      finishedAt: finished ? at : null,
    },
  });
}

const route = (id: string) => `/api/notebooks/${id}/published-outputs`;

describe("published outputs", () => {
  it("are the author's latest finished run of each block, shown to every reader (signed-out link holders too) until taken down", async () => {
    const owner = await signUpUser("Publisher");
    const viewer = await signUpUser("Reader");
    const stranger = await signUpUser("Outsider");
    const id = await notebookOf(owner);
    await shareNotebook(apiRequest(`/api/notebooks/${id}/shares`, { method: "POST", cookie: owner.cookie, body: { email: viewer.email, role: "viewer" } }), routeParams({ id }));

    // Nothing run yet: nothing to publish, said in a sentence.
    const early = await publish(apiRequest(route(id), { method: "POST", cookie: owner.cookie }), routeParams({ id }));
    expect(early.status).toBe(409);
    expect((await early.json()).error.message).toBe("There is nothing to publish yet: run the blocks first, then publish their outputs.");

    await storedRun(owner.user.id, id, "first", "old\n", new Date(Date.now() - 60_000));
    const latest = await storedRun(owner.user.id, id, "first", "one\n", new Date(Date.now() - 30_000));
    await storedRun(owner.user.id, id, "second", "not finished\n", new Date(), false);
    await storedRun(owner.user.id, id, "gone", "a block no longer in the notebook\n", new Date());
    await storedRun(viewer.user.id, id, "second", "the viewer's own\n", new Date());
    await storeArtifact(getSettings().dataDir, latest.id, "note.txt", Buffer.from("note"));

    // Viewers read and run but do not publish.
    expect((await publish(apiRequest(route(id), { method: "POST", cookie: viewer.cookie }), routeParams({ id }))).status).toBe(403);
    const published = await publish(apiRequest(route(id), { method: "POST", cookie: owner.cookie }), routeParams({ id }));
    expect(published.status).toBe(201);
    const body = (await published.json()).published;
    expect(body.publishedBy).toEqual({ id: owner.user.id, name: "Publisher" });
    expect(body.executions).toEqual([
      expect.objectContaining({ id: latest.id, blockId: "first", status: "succeeded", output: [{ stream: "stdout", data: "one\n" }] }),
    ]);

    const seen = await getPublished(apiRequest(route(id), { cookie: viewer.cookie }), routeParams({ id }));
    expect((await seen.json()).published.executions.map((e: { id: string }) => e.id)).toEqual([latest.id]);
    expect((await getPublished(apiRequest(route(id), { cookie: stranger.cookie }), routeParams({ id }))).status).toBe(404);

    // A signed-out holder of a read link gets the published run's file; a stranger does not.
    const link = await createLink(apiRequest(`/api/notebooks/${id}/links`, { method: "POST", cookie: owner.cookie, body: { access: "read" } }), routeParams({ id }));
    const token = new URL((await link.json()).link.url).pathname.split("/").at(-1)!;
    const artifact = (headers: Record<string, string>, cookie?: string) =>
      getArtifact(apiRequest(`/api/executions/${latest.id}/artifacts/note.txt`, { headers, cookie }), routeParams({ id: latest.id, name: "note.txt" }));
    const signedOut = await artifact({ [SHARE_LINK_HEADER]: token });
    expect(signedOut.status).toBe(200);
    expect(await signedOut.text()).toBe("note");
    expect((await artifact({}, stranger.cookie)).status).toBe(404);
    expect((await artifact({})).status).toBe(404);

    expect((await unpublish(apiRequest(route(id), { method: "DELETE", cookie: owner.cookie }), routeParams({ id }))).status).toBe(204);
    expect((await (await getPublished(apiRequest(route(id), { cookie: viewer.cookie }), routeParams({ id }))).json()).published).toBeNull();
    // Taken down, the run is the author's alone again.
    expect((await artifact({ [SHARE_LINK_HEADER]: token })).status).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNotebook, createUser, testDatabase } from "../../test/fixtures";
import { getPrisma } from "../db/client";
import { generateShareLinkToken } from "../sharing/share-link-token";
import { connectSession } from "../sessions/connect-session";
import { endSession } from "../sessions/end-session";
import { startChainedExecution } from "./start-chained-execution";
import type { StartExecutionOptions } from "./start-execution";
import type { StreamEvent } from "./stream-events";

// Every run asks the database afresh whether its user may still run the notebook: a share, a
// team membership or a link taken away stops the very next run, even while the session that
// was opened under it still stands (here the grants are changed directly, so nothing ends it).
const fence = "```";
const content = [`${fence}runnable python`, "print('one')", fence, "", `${fence}runnable bash`, "echo two", fence].join("\n");

const sessions: string[] = [];
let ownerId: string;

async function events(options: StartExecutionOptions, onEvent?: (event: StreamEvent) => Promise<void>): Promise<StreamEvent[]> {
  const seen: StreamEvent[] = [];
  for await (const event of await startChainedExecution(options)) {
    seen.push(event);
    await onEvent?.(event);
  }
  return seen;
}

const exitCodes = (seen: StreamEvent[]) => seen.flatMap((event) => (event.type === "exit" ? [event.exitCode] : []));

/** A notebook of the owner's, and a reader's live session on it, opened under `grant`. */
async function readerSession(grant: (notebookId: string, readerId: string) => Promise<void>) {
  const prisma = await testDatabase();
  const notebook = await createNotebook(ownerId, content);
  const reader = await createUser("Reader");
  await grant(notebook.id, reader.id);
  const { session } = await connectSession({ userId: reader.id, notebook });
  sessions.push(session.id);
  const runsStored = () => prisma.execution.count({ where: { sessionId: session.id } });
  return { prisma, notebook, reader, session, runsStored };
}

beforeAll(async () => {
  await testDatabase();
  ownerId = (await createUser("Owner")).id;
}, 60_000);

afterAll(async () => {
  for (const id of sessions) await endSession(id, "test over").catch(() => undefined);
});

describe("a run's access check", () => {
  it("stops the next run at once when the reader's share is taken away, though their session still stands", async () => {
    const { prisma, notebook, reader, session, runsStored } = await readerSession((notebookId, userId) =>
      getPrisma().notebookShare.create({ data: { notebookId, userId, role: "viewer" } }).then(() => undefined),
    );
    const options = { userId: reader.id, sessionId: session.id, block: { index: 0 } };
    expect(exitCodes(await events(options))).toEqual([0]);
    const before = await runsStored();

    await prisma.notebookShare.delete({ where: { notebookId_userId: { notebookId: notebook.id, userId: reader.id } } });
    expect((await prisma.session.findUniqueOrThrow({ where: { id: session.id } })).status).toBe("ready");
    await expect(events(options)).rejects.toMatchObject({ code: "not_found", message: "There is no such notebook." });
    expect(await runsStored(), "nothing ran, nothing was stored").toBe(before);

    // Given back, it runs again: the answer was not kept from before.
    await prisma.notebookShare.create({ data: { notebookId: notebook.id, userId: reader.id, role: "viewer" } });
    expect(exitCodes(await events(options))).toEqual([0]);
  }, 120_000);

  it("stops the next run when the reader leaves the notebook's team", async () => {
    const prisma = await testDatabase();
    const team = await prisma.team.create({ data: { name: "Team" } });
    const { reader, session, runsStored } = await readerSession(async (notebookId, userId) => {
      await prisma.notebook.update({ where: { id: notebookId }, data: { teamId: team.id } });
      await prisma.teamMember.create({ data: { teamId: team.id, userId, role: "viewer" } });
    });
    const options = { userId: reader.id, sessionId: session.id, block: { index: 0 } };
    expect(exitCodes(await events(options))).toEqual([0]);
    const before = await runsStored();
    await prisma.teamMember.delete({ where: { teamId_userId: { teamId: team.id, userId: reader.id } } });
    await expect(events(options)).rejects.toMatchObject({ code: "not_found" });
    expect(await runsStored()).toBe(before);
  }, 120_000);

  it("stops the next run of a run link's holder once the link is revoked", async () => {
    const prisma = await testDatabase();
    const { token, tokenHash } = generateShareLinkToken();
    let linkId = "";
    const { notebook, reader, session, runsStored } = await readerSession(async (notebookId) => {
      linkId = (await prisma.shareLink.create({ data: { notebookId, tokenHash, access: "run" } })).id;
    });
    const options = { userId: reader.id, sessionId: session.id, block: { index: 0 }, linkTokens: (id: string) => (id === notebook.id ? token : null) };
    expect(exitCodes(await events(options))).toEqual([0]);
    await expect(events({ ...options, linkTokens: undefined }), "without the link the reader has no right").rejects.toMatchObject({ code: "not_found" });
    const before = await runsStored();
    await prisma.shareLink.update({ where: { id: linkId }, data: { revokedAt: new Date() } });
    await expect(events(options)).rejects.toMatchObject({ code: "not_found" });
    expect(await runsStored()).toBe(before);
  }, 120_000);

  it("checks each block of a stale chain as it starts: a share taken away while the block above runs stops the block asked for", async () => {
    const { prisma, notebook, reader, session, runsStored } = await readerSession((notebookId, userId) =>
      getPrisma().notebookShare.create({ data: { notebookId, userId, role: "viewer" } }).then(() => undefined),
    );
    const seen = await events({ userId: reader.id, sessionId: session.id, block: { index: 1 } }, async (event) => {
      if (event.type === "start" && event.blockIndex === 0) {
        await prisma.notebookShare.delete({ where: { notebookId_userId: { notebookId: notebook.id, userId: reader.id } } });
      }
    });
    expect(seen[0]).toMatchObject({ type: "chain", blocks: [{ blockIndex: 0 }] });
    expect(exitCodes(seen), "the block above ran to its end").toEqual([0]);
    expect(seen.at(-1)).toEqual({ type: "error", message: "Block 1 did not run: There is no such notebook." });
    expect(await runsStored(), "only the block above ran").toBe(1);
  }, 120_000);
});

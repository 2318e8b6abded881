import { beforeAll, describe, expect, it } from "vitest";
import { createNotebook, createUser, testDatabase } from "../../test/fixtures";
import { getPrisma } from "../db/client";
import { generateShareLinkToken } from "../sharing/share-link-token";
import { findUserBySessionToken } from "./get-current-user";
import { findSessionNotebookFor } from "./notebook-access";
import { signSessionToken } from "./session-token";

// findSessionNotebookFor and findUserBySessionToken are plain SQL (they are on every run's
// path): what they return must be what Prisma reads, column for column, and the same rule.
beforeAll(async () => {
  await testDatabase();
});

async function sessionOn(notebookId: string, userId: string) {
  return getPrisma().session.create({ data: { userId, notebookId, status: "ready", containerId: "c0ffee", seededFiles: { "a.py": "abc" } } });
}

describe("findSessionNotebookFor", () => {
  it("reads the session and its notebook as Prisma does, every column with the same value", async () => {
    const owner = await createUser();
    const notebook = await createNotebook(owner.id, "# x\n\n```runnable python\nprint(1)\n```\n");
    const session = await sessionOn(notebook.id, owner.id);
    const found = await findSessionNotebookFor(owner.id, session.id, "run");
    expect(found?.session).toStrictEqual(await getPrisma().session.findUniqueOrThrow({ where: { id: session.id } }));
    expect(found?.access.notebook).toStrictEqual(await getPrisma().notebook.findUniqueOrThrow({ where: { id: notebook.id } }));
    expect(found?.access.role).toBe("owner");
  });

  it("gives each grant its role, and none to someone else's session", async () => {
    const prisma = getPrisma();
    const owner = await createUser();
    const team = await prisma.team.create({ data: { name: "T" } });
    const notebook = await prisma.notebook.create({ data: { ownerId: owner.id, title: "t", content: "x", teamId: team.id } });
    const [member, shared, holder, stranger] = await Promise.all([createUser(), createUser(), createUser(), createUser()]);
    await prisma.teamMember.create({ data: { teamId: team.id, userId: member.id, role: "editor" } });
    await prisma.notebookShare.create({ data: { notebookId: notebook.id, userId: shared.id, role: "viewer" } });
    const { token, tokenHash } = generateShareLinkToken();
    await prisma.shareLink.create({ data: { notebookId: notebook.id, tokenHash, access: "run" } });

    const sessions = new Map<string, string>();
    const sessionOf = async (userId: string) => sessions.get(userId) ?? sessions.set(userId, (await sessionOn(notebook.id, userId)).id).get(userId)!;
    const role = async (userId: string, linkToken?: string) => (await findSessionNotebookFor(userId, await sessionOf(userId), "read", () => linkToken ?? null))?.access.role;
    expect(await role(member.id)).toBe("editor");
    expect(await role(shared.id)).toBe("viewer");
    expect(await role(holder.id, token)).toBe("viewer");
    await expect(role(holder.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(role(stranger.id, "not-the-link")).rejects.toMatchObject({ code: "not_found" });
    await expect(findSessionNotebookFor(stranger.id, await sessionOf(member.id), "read")).resolves.toBeNull();
    await expect(findSessionNotebookFor(shared.id, await sessionOf(shared.id), "edit")).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("findUserBySessionToken", () => {
  it("signs in the token's user, and not once the token is revoked or the generation moved on", async () => {
    const prisma = getPrisma();
    const user = await createUser("Cookie");
    const token = await signSessionToken(user.id, 0);
    expect(await findUserBySessionToken(token)).toStrictEqual({ id: user.id, email: user.email, name: "Cookie" });
    await prisma.user.update({ where: { id: user.id }, data: { sessionGeneration: 1 } });
    expect(await findUserBySessionToken(token)).toBeNull();
    const fresh = await signSessionToken(user.id, 1);
    expect(await findUserBySessionToken(fresh)).not.toBeNull();
    const { verifySessionToken } = await import("./session-token");
    const claims = (await verifySessionToken(fresh))!;
    await prisma.revokedSessionToken.create({ data: { id: claims.tokenId, expiresAt: claims.expiresAt } });
    expect(await findUserBySessionToken(fresh)).toBeNull();
  });
});

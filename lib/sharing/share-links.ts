import type { Notebook, ShareLinkAccess } from "@prisma/client";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { findNotebookFor } from "../auth/notebook-access";
import { endRevokedSessions } from "./end-revoked-sessions";
import type { ShareLinkView } from "./list-shares";
import { generateShareLinkToken, hashShareLinkToken, isShareLinkTokenFormat } from "./share-link-token";

export type CreatedShareLink = ShareLinkView & { token: string; path: string };

/**
 * A new link to the notebook (owners only). Its secret is returned this once: only its hash is
 * stored, so a copy of the database opens no notebook. Lost the link? Make a new one, revoke the old.
 */
export async function createShareLink(actorId: string, notebookId: string, access: ShareLinkAccess): Promise<CreatedShareLink> {
  await findNotebookFor(actorId, notebookId, "manage");
  const { token, tokenHash } = generateShareLinkToken();
  const link = await getPrisma().shareLink.create({
    data: { notebookId, tokenHash, access },
    select: { id: true, access: true, createdAt: true },
  });
  return { ...link, token, path: `/s/${token}` };
}

/**
 * Changes what a live link grants (owners only), keeping its secret, so the URL already handed
 * out keeps working. Taking "run" away ends the sandboxes of readers left with no right to run.
 */
export async function changeShareLinkAccess(actorId: string, notebookId: string, linkId: string, access: ShareLinkAccess): Promise<ShareLinkView> {
  await findNotebookFor(actorId, notebookId, "manage");
  const prisma = getPrisma();
  const { count } = await prisma.shareLink.updateMany({ where: { id: linkId, notebookId, revokedAt: null }, data: { access } });
  if (count === 0) throw new AppError("not_found", "There is no such link.");
  if (access === "read") await endSessionsWithoutRun(notebookId);
  return prisma.shareLink.findUniqueOrThrow({ where: { id: linkId }, select: { id: true, access: true, createdAt: true } });
}

/** Revokes a link at once (owners only): nobody opens or runs the notebook through it again. */
export async function revokeShareLink(actorId: string, notebookId: string, linkId: string): Promise<void> {
  await findNotebookFor(actorId, notebookId, "manage");
  const { count } = await getPrisma().shareLink.updateMany({
    where: { id: linkId, notebookId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("not_found", "There is no such link.");
  await endSessionsWithoutRun(notebookId);
}

// Who came in through a link is not recorded: every reader without another right to run loses their sandbox.
async function endSessionsWithoutRun(notebookId: string): Promise<void> {
  const readers = await getPrisma().session.findMany({
    where: { notebookId, status: { not: "ended" } },
    select: { userId: true },
    distinct: ["userId"],
  });
  for (const { userId } of readers) await endRevokedSessions(userId, { id: notebookId });
}

/** The notebook a link secret opens, while the link is live; null for anything else. */
export async function resolveShareLink(token: string): Promise<{ notebook: Notebook; access: ShareLinkAccess } | null> {
  if (!isShareLinkTokenFormat(token)) return null;
  const link = await getPrisma().shareLink.findUnique({
    where: { tokenHash: hashShareLinkToken(token) },
    include: { notebook: true },
  });
  if (!link || link.revokedAt) return null;
  return { notebook: link.notebook, access: link.access };
}

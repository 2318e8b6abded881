import type { ShareLinkAccess } from "@prisma/client";
import { getPrisma } from "../db/client";
import { hashShareLinkToken, isShareLinkTokenFormat } from "./share-link-token";

/** The live (unrevoked) link to this notebook whose secret this is; null for anything else. */
export async function liveShareLink(token: string, notebookId: string): Promise<{ id: string; access: ShareLinkAccess } | null> {
  if (!isShareLinkTokenFormat(token)) return null;
  return getPrisma().shareLink.findFirst({
    where: { tokenHash: hashShareLinkToken(token), notebookId, revokedAt: null },
    select: { id: true, access: true },
  });
}

/** Whether the link with this id still opens this notebook (not revoked, not another notebook's). */
export async function isLiveShareLinkOf(linkId: string, notebookId: string): Promise<boolean> {
  return (await getPrisma().shareLink.count({ where: { id: linkId, notebookId, revokedAt: null } })) > 0;
}

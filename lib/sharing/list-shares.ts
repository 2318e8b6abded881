import type { ShareLinkAccess, ShareRole } from "@prisma/client";
import { getPrisma } from "../db/client";
import { findNotebookFor } from "../auth/notebook-access";

export type NotebookShareView = { user: { id: string; name: string; email: string }; role: ShareRole; createdAt: Date };
export type ShareLinkView = { id: string; access: ShareLinkAccess; createdAt: Date };

/** Who a notebook is shared with, and its live links (owners only; a link's secret is never shown again). */
export async function listShares(userId: string, notebookId: string): Promise<{ shares: NotebookShareView[]; links: ShareLinkView[] }> {
  await findNotebookFor(userId, notebookId, "manage");
  const prisma = getPrisma();
  const [shares, links] = await Promise.all([
    prisma.notebookShare.findMany({
      where: { notebookId },
      select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
      orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
    }),
    prisma.shareLink.findMany({
      where: { notebookId, revokedAt: null },
      select: { id: true, access: true, createdAt: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
  ]);
  return { shares, links };
}

import type { Notebook, Prisma, ShareLinkAccess, ShareRole, TeamRole } from "@prisma/client";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { liveShareLink } from "../sharing/live-share-link";

/**
 * A user's role in one notebook, the best of everything that grants one:
 * - owner: the author, or an owner of the notebook's team — everything, including sharing and the run history;
 * - editor: an editor of the team, or a user the notebook is shared with as editor — reads, writes, runs;
 * - viewer: a viewer of the team, a user it is shared with as viewer, or a signed-in holder of a run link — reads, runs;
 * - reader: the holder of a read link, or a signed-out holder of a run link — reads only.
 */
export type NotebookRole = "owner" | "editor" | "viewer" | "reader";
export type NotebookNeed = "read" | "edit" | "delete" | "run" | "manage";
export type NotebookAccess = { notebook: Notebook; role: NotebookRole };

/** Who asks: a signed-in user (or nobody), perhaps holding a share link's secret. */
export type NotebookActor = { userId: string | null; linkToken?: string | null };

// Who may do what. Every role and every rule lives in this table, and nowhere else.
const ALLOWED: Record<NotebookRole, readonly NotebookNeed[]> = {
  owner: ["read", "edit", "delete", "run", "manage"],
  editor: ["read", "edit", "run"],
  viewer: ["read", "run"],
  reader: ["read"],
};
const RANK: readonly NotebookRole[] = ["reader", "viewer", "editor", "owner"];
const FROM_TEAM: Record<TeamRole, NotebookRole> = { owner: "owner", editor: "editor", viewer: "viewer" };
const FROM_SHARE: Record<ShareRole, NotebookRole> = { editor: "editor", viewer: "viewer" };

/** What the page may offer the user: no editor for a reader, no Run for a read-only link. */
export type NotebookPermissions = { edit: boolean; run: boolean; delete: boolean; manage: boolean };

export function permissionsOf(role: NotebookRole): NotebookPermissions {
  const allowed = ALLOWED[role];
  return {
    edit: allowed.includes("edit"),
    run: allowed.includes("run"),
    delete: allowed.includes("delete"),
    manage: allowed.includes("manage"),
  };
}

export function mayDo(role: NotebookRole, need: NotebookNeed): boolean {
  return ALLOWED[role].includes(need);
}

/** Everything that may grant a role, as found for one user and one notebook. */
export type NotebookGrants = {
  ownerId: string;
  teamRole?: TeamRole | null;
  shareRole?: ShareRole | null;
  /** the access of a live (unrevoked) link to this notebook that the actor holds */
  linkAccess?: ShareLinkAccess | null;
};

/** The best role the grants give; null when they give none (the notebook is then "not found"). */
export function roleIn(userId: string | null, grants: NotebookGrants): NotebookRole | null {
  const roles: NotebookRole[] = [];
  if (userId !== null && grants.ownerId === userId) roles.push("owner");
  if (userId !== null && grants.teamRole) roles.push(FROM_TEAM[grants.teamRole]);
  if (userId !== null && grants.shareRole) roles.push(FROM_SHARE[grants.shareRole]);
  // Running needs a container that belongs to someone: a signed-out link holder only reads.
  if (grants.linkAccess) roles.push(grants.linkAccess === "run" && userId !== null ? "viewer" : "reader");
  return roles.reduce<NotebookRole | null>((best, role) => (best && RANK.indexOf(best) >= RANK.indexOf(role) ? best : role), null);
}

/**
 * The notebook and the actor's role in it, when they may do `need` to it. A notebook the actor
 * may not see at all is "not found" (so its existence is not revealed); one they see but may not
 * change is "forbidden". Every route that touches a notebook, its sessions, runs or shares asks here.
 */
export async function findNotebookFor(actor: string | NotebookActor, notebookId: string, need: NotebookNeed): Promise<NotebookAccess> {
  const { userId, linkToken } = typeof actor === "string" ? { userId: actor, linkToken: null } : actor;
  const access = await notebookAccess(userId, notebookId, linkToken ?? null);
  if (!access) throw new AppError("not_found", "There is no such notebook.");
  if (!mayDo(access.role, need)) {
    throw new AppError("forbidden", `Your role in this notebook (${access.role}) does not allow you to ${need} it.`);
  }
  return access;
}

async function notebookAccess(userId: string | null, notebookId: string, linkToken: string | null): Promise<NotebookAccess | null> {
  const prisma = getPrisma();
  // A user id that matches nothing keeps the relation filters valid for a signed-out actor.
  const who = userId ?? "";
  // Both lookups need only the ids the caller gave, so they run side by side.
  const [row, link] = await Promise.all([
    prisma.notebook.findUnique({
      where: { id: notebookId },
      include: {
        team: { select: { members: { where: { userId: who }, select: { role: true } } } },
        shares: { where: { userId: who }, select: { role: true } },
      },
    }),
    linkToken ? liveShareLink(linkToken, notebookId) : null,
  ]);
  if (!row) return null;
  const { team, shares, ...notebook } = row;
  const role = roleIn(userId, {
    ownerId: notebook.ownerId,
    teamRole: team?.members[0]?.role ?? null,
    shareRole: shares[0]?.role ?? null,
    linkAccess: link?.access ?? null,
  });
  return role ? { notebook, role } : null;
}

/** The notebooks a user sees without a link (their own, their teams', those shared with them), as a query filter. */
export function visibleNotebooks(userId: string): Prisma.NotebookWhereInput {
  return {
    OR: [{ ownerId: userId }, { team: { members: { some: { userId } } } }, { shares: { some: { userId } } }],
  };
}

import type { Notebook, Prisma } from "@prisma/client";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";

export type NotebookRole = "owner";
export type NotebookNeed = "read" | "edit" | "delete" | "run";
export type NotebookAccess = { notebook: Notebook; role: NotebookRole };

// Who may do what. Teams will add roles (and rows to this table) here, and nowhere else.
const ALLOWED: Record<NotebookRole, readonly NotebookNeed[]> = {
  owner: ["read", "edit", "delete", "run"],
};

/** What the page may offer the user: no editor for a reader, no Run for a read-only link. */
export type NotebookPermissions = { edit: boolean; run: boolean; delete: boolean };

export function permissionsOf(role: NotebookRole): NotebookPermissions {
  const allowed = ALLOWED[role];
  return { edit: allowed.includes("edit"), run: allowed.includes("run"), delete: allowed.includes("delete") };
}

/**
 * The notebook and the user's role in it, when the user may do `need` to it. A notebook the user
 * may not see is "not found" (so its existence is not revealed); one they see but may not change
 * is "forbidden".
 */
export async function findNotebookFor(userId: string, notebookId: string, need: NotebookNeed): Promise<NotebookAccess> {
  const notebook = await getPrisma().notebook.findUnique({ where: { id: notebookId } });
  const role = notebook ? roleIn(userId, notebook) : null;
  if (!notebook || !role) throw new AppError("not_found", "There is no such notebook.");
  if (!ALLOWED[role].includes(need)) throw new AppError("forbidden", `Your role in this notebook does not allow you to ${need} it.`);
  return { notebook, role };
}

/** The notebooks a user may see, as a query filter (for lists). */
export function visibleNotebooks(userId: string): Prisma.NotebookWhereInput {
  return { ownerId: userId };
}

export function roleIn(userId: string, notebook: Pick<Notebook, "ownerId">): NotebookRole | null {
  return notebook.ownerId === userId ? "owner" : null;
}

import type { App, Prisma } from "@prisma/client";
import { findNotebookFor, visibleNotebooks, type NotebookActor } from "../auth/notebook-access";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import type { AppCaller } from "./app-caller";

/** `read`: status and logs; `manage`: start, stop, redeploy, delete. */
export type AppNeed = "read" | "manage";

const notFound = () => new AppError("not_found", "There is no such app.");

/** The caller as the notebook's access rule sees them, with the link they hold for that notebook. */
export function notebookActorOf(caller: Exclude<AppCaller, { kind: "runner" }>, notebookId: string): NotebookActor {
  return { userId: caller.kind === "user" ? caller.user.id : null, linkToken: caller.linkTokens?.(notebookId) ?? null };
}

/**
 * The app, when the caller may do `need` to it; otherwise "not found", so its existence is not
 * revealed. The runner manages every app; a user manages the apps they made, and a notebook's
 * app as the notebook allows (`read` to see it, `edit` to manage it). A share link only ever
 * reads, and only the apps of its own notebook.
 */
export async function findAppFor(caller: AppCaller, appId: string, need: AppNeed): Promise<App> {
  const app = await getPrisma().app.findUnique({ where: { id: appId } });
  if (!app) throw notFound();
  if (caller.kind === "runner") return app;
  if (app.notebookId) {
    try {
      await findNotebookFor(notebookActorOf(caller, app.notebookId), app.notebookId, need === "read" ? "read" : "edit");
    } catch (error) {
      throw error instanceof AppError && error.code === "not_found" ? notFound() : error;
    }
    return app;
  }
  if (caller.kind === "link" || app.ownerId !== caller.user.id) throw notFound();
  return app;
}

/** The apps the caller may see, newest first. */
export function visibleApps(caller: AppCaller): Prisma.AppWhereInput {
  if (caller.kind === "runner") return {};
  if (caller.kind === "link") return { id: { in: [] } };
  return { OR: [{ ownerId: caller.user.id, notebookId: null }, { notebook: visibleNotebooks(caller.user.id) }] };
}

export function listAppsFor(caller: AppCaller): Promise<App[]> {
  return getPrisma().app.findMany({ where: visibleApps(caller), orderBy: { createdAt: "desc" } });
}

/** A notebook's apps, for whoever may read the notebook (by any right, a share link too). */
export async function listNotebookApps(caller: AppCaller, notebookId: string): Promise<App[]> {
  if (caller.kind !== "runner") await findNotebookFor(notebookActorOf(caller, notebookId), notebookId, "read");
  return getPrisma().app.findMany({ where: { notebookId }, orderBy: { createdAt: "desc" } });
}

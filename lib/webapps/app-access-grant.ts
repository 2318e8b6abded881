import { findNotebookFor } from "../auth/notebook-access";
import { AppError } from "../http/app-error";
import { liveShareLink } from "../sharing/live-share-link";
import type { AppCaller } from "./app-caller";
import { signAppToken, type AppGrantee } from "./app-access-token";
import { findAppFor } from "./find-app-for";

export type AppAccessGrant = { appId: string; /** null: a public app needs none. */ token: string | null };

/**
 * An access token for one app, when the caller may see it (C1's rule, the same as its status and
 * logs: a notebook's app for the notebook's readers, others for their owner). A notebook's reader
 * who holds no right of their own but a share link gets a token for the link, so the app closes
 * when the link is revoked. Apps made through the runner API are public and need no token.
 */
export async function grantAppAccess({ appId, caller }: { appId: string; caller: AppCaller }): Promise<AppAccessGrant> {
  const app = await findAppFor(caller, appId, "read");
  if (!app.notebookId) return { appId: app.id, token: null };
  return { appId: app.id, token: await signAppToken("access", { appId: app.id, ...(await granteeFor(caller, app.notebookId)) }) };
}

async function granteeFor(caller: AppCaller, notebookId: string): Promise<AppGrantee> {
  if (caller.kind === "runner") throw new AppError("forbidden", "A notebook's app opens for the notebook's readers: sign in, or use a share link.");
  if (caller.kind === "user") {
    const own = await findNotebookFor(caller.user.id, notebookId, "read").then(
      () => true,
      (error: unknown) => (error instanceof AppError ? false : Promise.reject(error)),
    );
    if (own) return { userId: caller.user.id };
  }
  const token = caller.linkTokens?.(notebookId);
  const link = token ? await liveShareLink(token, notebookId) : null;
  if (!link) throw new AppError("not_found", "There is no such app.");
  return { linkId: link.id };
}

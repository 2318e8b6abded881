import type { AuthUser } from "../auth/auth-user";
import { signAppToken } from "./app-access-token";
import { findAppFor } from "./find-app-for";

export type AppAccessGrant = { appId: string; /** null: a public app needs none. */ token: string | null };

/**
 * An access token for one user and one app, when the user may see the app (C1's rule, the same
 * as its status and logs: a notebook's app for the notebook's readers, others for their owner).
 * Apps made through the runner API are public on their subdomain and need no token.
 */
export async function grantAppAccess({ appId, user }: { appId: string; user: AuthUser }): Promise<AppAccessGrant> {
  const app = await findAppFor({ kind: "user", user }, appId, "read");
  if (!app.notebookId) return { appId: app.id, token: null };
  return { appId: app.id, token: await signAppToken("access", { appId: app.id, userId: user.id }) };
}

import { createHash } from "node:crypto";
import { AppError } from "../http/app-error";

// One DNS label: the app is served at <id>.<APPS_DOMAIN>. The seed's UUIDs fit.
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function validateAppId(id: string): string {
  if (!DNS_LABEL.test(id)) {
    throw new AppError("bad_request", "id must be 1–63 lowercase letters, digits or '-', not starting or ending with '-'.");
  }
  return id;
}

/** Kept for notebook blocks' apps: no other app may take an id a notebook's block would get. */
export const NOTEBOOK_APP_PREFIX = "nb-";

/**
 * A notebook block's app id: the block's id names it, so it stays the block's app across deploys
 * and moves; a DNS label, revealing nothing of the notebook's id or the block's.
 */
export function notebookAppId(notebookId: string, blockId: string): string {
  const notebookHash = createHash("sha256").update(notebookId).digest("hex").slice(0, 12);
  const blockHash = createHash("sha256").update(`${notebookId}\n${blockId}`).digest("hex").slice(0, 10);
  return `${NOTEBOOK_APP_PREFIX}${notebookHash}-${blockHash}`;
}

import type { AppStatus } from "@prisma/client";

/** A deploy is under way: waiting for a build slot (`queued`) or building and starting. */
export function isDeploying(status: AppStatus): boolean {
  return status === "queued" || status === "building";
}

import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";

/** Deletes one of the user's API tokens; someone else's token is "not found", like a missing one. */
export async function revokeApiToken(userId: string, tokenId: string): Promise<void> {
  const { count } = await getPrisma().apiToken.deleteMany({ where: { id: tokenId, userId } });
  if (count === 0) throw new AppError("not_found", "There is no such API token.");
}
